import { z } from '@hono/zod-openapi';
import { LANGS } from '../../shared/i18n/index.js';
import { isCalendarDate } from '../http/dates.js';

// Building blocks shared by the request and response schemas. Importing `z` from
// @hono/zod-openapi gives zod `.openapi()`, but only on schemas constructed after
// that import: see forApi for the ones shared/ builds.

/**
 * A copy of a schema built in shared/ (with plain zod), on which `.openapi()`
 * can be called. @hono/zod-openapi adds `.openapi()` to zod's prototype when it
 * is first imported, and zod copies prototype methods onto each schema as it
 * is constructed: a schema shared/ built before that import has no
 * `.openapi()`, and whether it was depends on which module the process
 * evaluated first. The copy is constructed now, validates exactly as the
 * original (same definition) and inherits its metadata.
 */
export function forApi<T extends z.ZodType>(schema: T): T {
  return schema.clone() as T;
}

/** forApi for every member of a shared object schema's shape. */
export function shapeForApi<Shape extends Record<string, z.ZodType>>(shape: Shape): Shape {
  return Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, forApi(member)])) as Shape;
}

export const LangSchema = z.enum(LANGS).openapi({
  description: 'Language of every human-readable string in the response: `zh` (default) or `en`.',
  example: 'zh',
});

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDate, { params: { message: 'date' } })
  .openapi({ format: 'date', example: '2025-06-30' });

export const TrackIdSchema = z.string().min(1).max(64).openapi({ example: 'low_altitude' });

export const FieldErrorSchema = z
  .object({
    path: z
      .string()
      .openapi({ description: 'The offending field, e.g. `profile.annualRevenueCny` or `tracks[0]`.' }),
    message: z.string().openapi({ description: 'What is wrong, in the requested language.' }),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({
      description: 'URI reference identifying the problem type.',
      example: '/problems/validation-error',
    }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().openapi({ description: 'The request path.' }),
    requestId: z.string().openapi({ description: 'Same as the `x-request-id` response header.' }),
    errors: z
      .array(FieldErrorSchema)
      .optional()
      .openapi({ description: 'Validation problems only: one entry per offending field.' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details (`application/problem+json`).' });

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

export const requestIdHeader = {
  'x-request-id': {
    description: 'The request id (the caller’s, if sane, else generated).',
    schema: { type: 'string' as const },
  },
};

/** Problem responses as OpenAPI documents them, by status. */
export const PROBLEM_RESPONSES = {
  400: {
    description: 'Invalid request: malformed JSON or a validation problem naming each field.',
    content: problemContent,
    headers: requestIdHeader,
  },
  404: { description: 'Not found.', content: problemContent, headers: requestIdHeader },
  405: {
    description: 'Method not allowed (see the `Allow` header).',
    content: problemContent,
    headers: requestIdHeader,
  },
  413: { description: 'Request body larger than 64 KB.', content: problemContent, headers: requestIdHeader },
  415: {
    description: 'Request body not sent as `application/json`.',
    content: problemContent,
    headers: requestIdHeader,
  },
  500: {
    description: 'Unexpected error (logged with the request id; no details are returned).',
    content: problemContent,
    headers: requestIdHeader,
  },
} as const;

/** `lang` as a query parameter, for operations without a body. */
export const LangQuerySchema = z
  .object({ lang: LangSchema.optional().openapi({ param: { name: 'lang', in: 'query' } }) })
  .strict();
