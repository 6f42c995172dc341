import { z } from '@hono/zod-openapi';
import { STAFF_ROLES } from '../../shared/auth/principal.js';
import {
  ContactSchema,
  CreateCaseRequestSchema,
  ListCasesQuerySchema,
  PolicyIdSchema,
  UpdateCaseRequestSchema,
} from '../../shared/cases/model.js';
import { RESULT_SELECTIONS } from '../../shared/cases/view.js';
import { CASE_STATUSES } from '../../shared/cases/workflow.js';
import { forApi, LangSchema, type ProblemResponseStatus, shapeForApi } from './common.js';
import { matchOutcomeFields } from './match.js';
import { ApiProfileSchema } from './profile.js';

// /v1/cases: requests and responses. The shapes are shared/cases/model.ts's;
// this file adds the API's profile checks and what /docs shows.

const CaseStatusSchema = z.enum(CASE_STATUSES).openapi('CaseStatus', {
  description: 'new → triaged → contacted → applying → approved | declined | withdrawn → closed.',
});

const CaseContactSchema = forApi(ContactSchema).openapi('CaseContact', {
  description: 'Who at the company the service center should contact.',
});

export const CreateCaseBodySchema = CreateCaseRequestSchema.extend({
  profile: ApiProfileSchema,
  policyIds: z.array(PolicyIdSchema).max(100).optional().openapi({
    description: 'The measures the company wants help with (see /v1/policies); they decide the routing.',
  }),
  contact: CaseContactSchema,
  lang: LangSchema.optional(),
}).openapi('CreateCaseRequest', {
  example: {
    profile: {
      name: '深圳市某某无人机科技有限公司',
      registeredInLuohu: true,
      industry: { tracks: ['low_altitude'] },
    },
    contact: { name: '王经理', phone: '0755-12345678' },
    note: '希望了解低空经济扶持政策',
  },
});

export const UpdateCaseBodySchema = forApi(UpdateCaseRequestSchema).openapi('UpdateCaseRequest', {
  example: { status: 'triaged', assignee: '李四', note: '已分派至低空经济专班' },
});

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z.string().optional().openapi({
    description:
      'Required. 16–255 visible ASCII characters (a UUID). The same key with the same body returns the same case, with the same access token, for 24 hours; with another body it is a 422.',
    example: '5f0c7a8e-3c1d-4b7e-9d2a-0f6b1e2c3d4e',
  }),
});

export const IfMatchHeadersSchema = z.object({
  'if-match': z.string().optional().openapi({
    description: 'Required. The ETag the case was read with, quoted: `"7"`. Stale: 412; missing: 428.',
    example: '"1"',
  }),
});

export const CaseParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: '6f1e3c2a-8d4b-4f7e-9a1c-2b3d4e5f6a7b' }),
});

export const CaseReadQuerySchema = z
  .object({
    token: z
      .string()
      .max(128)
      .optional()
      .openapi({
        param: { name: 'token', in: 'query' },
        description: "The company's access token for this case.",
      }),
    lang: LangSchema.optional().openapi({ param: { name: 'lang', in: 'query' } }),
  })
  .strict();

export const CaseViewQuerySchema = CaseReadQuerySchema.extend({
  results: z
    .enum(RESULT_SELECTIONS)
    .optional()
    .openapi({
      param: { name: 'results', in: 'query' },
      description:
        '`relevant` (default): the recorded results except ineligible ones the company did not choose; `all`: the whole snapshot.',
    }),
}).strict();

const listQuery = shapeForApi(ListCasesQuerySchema.shape);

export const CaseListQueryParamsSchema = ListCasesQuerySchema.extend({
  status: CaseStatusSchema.optional().openapi({ param: { name: 'status', in: 'query' } }),
  department: listQuery.department.openapi({
    param: { name: 'department', in: 'query' },
    description: 'Admins: one department (default all). Staff: only their own.',
  }),
  limit: listQuery.limit.openapi({ param: { name: 'limit', in: 'query' }, example: 50 }),
  cursor: listQuery.cursor.openapi({
    param: { name: 'cursor', in: 'query' },
    description: '`nextCursor` of the previous page.',
  }),
  lang: LangSchema.optional().openapi({ param: { name: 'lang', in: 'query' } }),
  // Accepted so that a company token here is answered as what it is, a
  // credential that may not list cases (403), not as an unknown field.
  token: CaseReadQuerySchema.shape.token.openapi({
    param: { name: 'token', in: 'query' },
    description: 'Company access tokens open only their own case; listing needs a staff token (403).',
  }),
});

const ActorSchema = z
  .object({
    role: z.enum(['company', ...STAFF_ROLES]),
    sub: z.string().optional().openapi({ description: 'Staff user id (shown to staff only).' }),
    department: z.string().optional(),
  })
  .openapi('CaseActor');

const HistoryEntrySchema = z
  .object({
    seq: z.number().int().openapi({ description: 'The case version this entry produced.' }),
    at: z.string().openapi({ format: 'date-time' }),
    by: ActorSchema,
    from: CaseStatusSchema.nullable().openapi({ description: 'null for the entry that opened the case.' }),
    fromLabel: z.string().optional(),
    to: CaseStatusSchema,
    toLabel: z.string(),
    assignee: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
    note: z.string().optional(),
  })
  .openapi('CaseHistoryEntry', { description: 'Append-only: entries are never changed or removed.' });

const caseSummaryFields = {
  id: z.string(),
  status: CaseStatusSchema,
  statusLabel: z.string(),
  department: z
    .string()
    .openapi({ description: 'The lead department (牵头单位) working the case.', example: '区科技创新局' }),
  departmentLabel: z.string().openapi({ description: "The department's name in the requested language." }),
  assignee: z.string().nullable(),
  version: z.number().int().openapi({ description: 'Also the ETag (quoted).' }),
  createdAt: z.string().openapi({ format: 'date-time' }),
  updatedAt: z.string().openapi({ format: 'date-time' }),
};

export const CaseSchema = z
  .object({
    ...caseSummaryFields,
    profile: ApiProfileSchema,
    policyIds: z.array(z.string()),
    contact: CaseContactSchema,
    note: z.string().optional(),
    match: z
      .object({
        ...matchOutcomeFields,
        resultSelection: z.enum(RESULT_SELECTIONS),
        counts: z.object({
          eligible: z.number().int(),
          needs_info: z.number().int(),
          ineligible: z.number().int(),
        }),
      })
      .openapi('CaseMatchSnapshot', {
        description:
          'The match the case was decided with (replayable); `counts` are over all recorded results.',
      }),
    history: z.array(HistoryEntrySchema),
  })
  .openapi('Case');

export const CreatedCaseSchema = CaseSchema.extend({
  accessToken: z.string().openapi({
    description:
      "The company's key to this case (GET /v1/cases/{id}?token=…). Shown only here, and to retries with the same Idempotency-Key; stored only as a hash.",
  }),
}).openapi('CreatedCase');

export const CaseListSchema = z
  .object({
    items: z.array(
      z.object({ ...caseSummaryFields, companyName: z.string().optional() }).openapi('CaseSummary'),
    ),
    nextCursor: z.string().optional(),
  })
  .openapi('CaseList', { description: 'Newest change first.' });

export const ReplayReportSchema = z
  .object({
    caseId: z.string(),
    catalogVersion: z.string(),
    asOf: z.string(),
    lang: LangSchema,
    engineVersion: z.object({ recorded: z.string(), replayed: z.string() }),
    department: z.object({ recorded: z.string(), replayed: z.string() }),
    identical: z.boolean(),
    differences: z.array(
      z
        .object({ path: z.string(), recorded: z.unknown(), replayed: z.unknown() })
        .openapi('ReplayDifference'),
    ),
    summary: z.string(),
  })
  .openapi('ReplayReport');

/**
 * The problems each operation documents beyond the ones every route has: who may
 * call it decides which of these it can answer with (see PROBLEM_RESPONSES).
 */
export const CASE_PROBLEMS = {
  create: [401, 422, 503],
  list: [401, 403, 503],
  read: [401, 403, 404, 503],
  update: [401, 403, 404, 409, 412, 428, 503],
} as const satisfies Record<string, readonly ProblemResponseStatus[]>;
