import { z } from '@hono/zod-openapi';
import { OPERATORS } from '../../shared/catalog/schema.js';
import { FIELD_IDS, type FieldId } from '../../shared/fields.js';
import { MAX_ITEMS } from '../../shared/profile.js';
import { IsoDateSchema, LangSchema, TrackIdSchema } from './common.js';
import { policyFields } from './policy.js';
import { ApiProfileSchema, UnderstoodProfileSchema } from './profile.js';

// POST /v1/match: request and the engine's MatchResult (shared/engine/types.ts).

export const FieldIdSchema = z.enum(FIELD_IDS as [FieldId, ...FieldId[]]).openapi('FieldId');

export const MatchRequestSchema = z
  .object({
    profile: ApiProfileSchema,
    asOf: IsoDateSchema.optional().openapi({
      description: 'Date the match is made for; default today in Asia/Shanghai.',
    }),
    lang: LangSchema.optional(),
    tracks: z
      .array(TrackIdSchema)
      .max(MAX_ITEMS)
      .optional()
      .openapi({ description: 'Only policies in any of these tracks (see /v1/tracks).' }),
    detail: z.enum(['full', 'outcomes']).optional().openapi({
      description:
        '`full` (default): every criterion explained, with gaps, questions and next questions. `outcomes`: the same outcomes, validity and order without the per-criterion trace (criteria, gaps, questions and nextQuestions empty), for dashboards and batch screening.',
    }),
  })
  .strict()
  .openapi('MatchRequest', {
    example: {
      profile: {
        registeredInLuohu: true,
        industry: { tracks: ['low_altitude'] },
        building: '粤海城T1',
        annualRevenueCny: 30_000_000,
      },
      lang: 'zh',
    },
  });

export const WarningSchema = z
  .object({ field: z.string(), message: z.string() })
  .strict()
  .openapi('Warning', {
    description: 'Something in the profile that was not understood, e.g. an unknown building.',
  });

export const CriterionResultSchema = z
  .object({
    field: FieldIdSchema,
    op: z.enum(OPERATORS),
    outcome: z.enum(['met', 'not_met', 'unknown']),
    expected: z.unknown().openapi({ description: "The catalog's value." }),
    actual: z.unknown().openapi({ description: "The profile's value, or null when unknown." }),
    explanation: z.string(),
  })
  .strict()
  .openapi('CriterionResult');

export const GapSchema = z
  .object({
    field: FieldIdSchema,
    explanation: z.string(),
    shortfall: z
      .number()
      .optional()
      .openapi({ description: "Thresholds: how far off the profile is, in the field's unit." }),
    satisfiedBy: z
      .array(z.string())
      .optional()
      .openapi({ description: 'Membership tests: the values that would satisfy it.' }),
  })
  .strict()
  .openapi('Gap');

const QuestionOptionSchema = z
  .object({ value: z.string(), label: z.string() })
  .strict()
  .openapi('QuestionOption');

const questionFields = {
  field: FieldIdSchema,
  question: z.string(),
  options: z.array(QuestionOptionSchema).optional(),
};

export const QuestionSchema = z.object(questionFields).strict().openapi('Question');

export const RankedQuestionSchema = z
  .object({
    ...questionFields,
    resolves: z
      .number()
      .int()
      .openapi({ description: 'How many needs_info results the answer would settle.' }),
  })
  .strict()
  .openapi('RankedQuestion');

export const MatchResultItemSchema = z
  .object({
    policyId: z.string(),
    ...policyFields,
    outcome: z.enum(['eligible', 'ineligible', 'needs_info']),
    criteria: z.array(CriterionResultSchema),
    gaps: z
      .array(GapSchema)
      .openapi({ description: 'What is missing for an ineligible or near-miss result.' }),
    questions: z.array(QuestionSchema).openapi({ description: 'What to ask to settle a needs_info result.' }),
  })
  .strict()
  .openapi('MatchResultItem');

export const matchOutcomeFields = {
  catalogVersion: z.string(),
  engineVersion: z.string(),
  asOf: IsoDateSchema,
  lang: LangSchema,
  profile: UnderstoodProfileSchema,
  warnings: z.array(WarningSchema),
  results: z
    .array(MatchResultItemSchema)
    .openapi({ description: 'Eligible first, then needs_info, then ineligible; in force before expired.' }),
};

export const MatchResponseSchema = z
  .object({
    ...matchOutcomeFields,
    nextQuestions: z.array(RankedQuestionSchema).openapi({ description: 'Best questions first.' }),
    counts: z
      .object({ eligible: z.number().int(), needs_info: z.number().int(), ineligible: z.number().int() })
      .strict(),
  })
  .strict()
  .openapi('MatchResponse');
