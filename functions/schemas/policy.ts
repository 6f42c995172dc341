import { z } from '@hono/zod-openapi';
import { BENEFIT_KINDS } from '../../shared/catalog/schema.js';
import { IsoDateSchema, LangSchema, TrackIdSchema } from './common.js';

// Response shapes of /v1/policies (engine PolicyView, shared/engine/types.ts).
// Strict, so a test that parses real responses notices any field the schema lacks.

export const ValiditySchema = z
  .enum(['in_force', 'expired', 'upcoming'])
  .openapi('Validity', { description: 'Whether the plan period covers `asOf`.' });

export const SourceViewSchema = z
  .object({
    document: z
      .string()
      .openapi({ description: "The source file's name.", example: '001_eaa8da74433a86b8.txt' }),
    title: z.string().openapi({ description: "The document's title in the requested language." }),
    section: z
      .string()
      .openapi({ description: "Section in the document's own numbering.", example: '三、(四)' }),
    quote: z.string().openapi({ description: 'Verbatim sentence(s) from the document.' }),
  })
  .strict()
  .openapi('Source');

export const BenefitViewSchema = z
  .object({
    kind: z.enum(BENEFIT_KINDS),
    kindLabel: z.string(),
    description: z.string(),
    amount: z
      .number()
      .optional()
      .openapi({ description: 'Yuan; present only where the plan states an amount.' }),
    amountText: z.string().openapi({ description: 'The amount as text, or "per implementing rules".' }),
  })
  .strict()
  .openapi('Benefit');

export const PeriodSchema = z.object({ from: IsoDateSchema, to: IsoDateSchema }).strict().openapi('Period');

/** The fields a policy and a match result share. */
export const policyFields = {
  title: z.string(),
  summary: z.string(),
  tracks: z.array(z.string()),
  benefit: BenefitViewSchema,
  leadDepartment: z
    .string()
    .nullable()
    .openapi({ description: 'The lead department (牵头单位) the plan names first, or null.' }),
  leadDepartmentLabel: z.string().nullable().openapi({
    description: "The lead department's name in the requested language (glossary English in en).",
  }),
  leadDepartments: z.array(z.string()),
  leadDepartmentLabels: z.array(z.string()),
  period: PeriodSchema,
  validity: ValiditySchema,
  validityLabel: z.string(),
  source: SourceViewSchema,
};

export const PolicySchema = z
  .object({
    id: z.string().openapi({ example: 'fyp-ai-integration-demonstration-projects' }),
    ...policyFields,
  })
  .strict()
  .openapi('Policy');

export const PoliciesQuerySchema = z
  .object({
    track: TrackIdSchema.optional().openapi({
      param: { name: 'track', in: 'query' },
      description: 'Only policies in this track.',
    }),
    asOf: IsoDateSchema.optional().openapi({
      param: { name: 'asOf', in: 'query' },
      description: 'Date that decides validity; default today in Asia/Shanghai.',
    }),
    lang: LangSchema.optional().openapi({ param: { name: 'lang', in: 'query' } }),
  })
  .strict();

export const PolicyQuerySchema = PoliciesQuerySchema.omit({ track: true });

export const PolicyParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'fyp-ai-integration-demonstration-projects' }),
});

export const PoliciesResponseSchema = z
  .object({ catalogVersion: z.string(), asOf: IsoDateSchema, items: z.array(PolicySchema) })
  .strict()
  .openapi('PolicyList');
