import { z } from '@hono/zod-openapi';
import { LANGS } from '../../shared/i18n/index.js';
import { isCalendarDate } from '../http/dates.js';
import { MAX_BODY_BYTES } from '../http/json-body.js';
import type { ProblemStatus } from '../http/problem.js';

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

export const requestIdHeader = {
  'x-request-id': {
    description: 'The request id (the caller’s, if sane, else generated).',
    schema: { type: 'string' as const },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
  headers: requestIdHeader,
});

/** Problem responses as OpenAPI documents them, by status: every status a problem kind has. */
export const PROBLEM_RESPONSES = {
  400: problemResponse('Invalid request: malformed JSON or a validation problem naming each field.'),
  401: problemResponse('No credentials, or invalid ones (see `WWW-Authenticate`).'),
  403: problemResponse('The credentials may not do this, whichever case is named.'),
  404: problemResponse(
    'Not found. A case that exists but is not the caller’s is answered exactly as one that does not.',
  ),
  405: problemResponse('Method not allowed (see the `Allow` header).'),
  409: problemResponse('Not a step of the workflow from the current status.'),
  412: problemResponse('If-Match names a version that is no longer current.'),
  413: problemResponse(`Request body larger than ${MAX_BODY_BYTES / 1024} KB.`),
  415: problemResponse('Request body not sent as `application/json`.'),
  422: problemResponse('The Idempotency-Key was used with a different request.'),
  428: problemResponse('If-Match is missing.'),
  500: problemResponse('Unexpected error (logged with the request id; no details are returned).'),
  503: problemResponse('The data store is temporarily unavailable (see `Retry-After`).'),
} as const satisfies Record<ProblemStatus, unknown>;

export type ProblemResponseStatus = keyof typeof PROBLEM_RESPONSES;

/** `lang` as a query parameter, for operations without a body. */
export const LangQuerySchema = z
  .object({ lang: LangSchema.optional().openapi({ param: { name: 'lang', in: 'query' } }) })
  .strict();
