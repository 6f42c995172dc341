import { z } from 'zod';
import { FIELD_IDS, type FieldId } from '../fields.js';

// The catalog's data model. Seeds under seeds/ are validated against these
// schemas; numbers (thresholds, amounts) live in the seeds, never in code.

export const SOURCE_DOCUMENTS = [
  '000_338467c9a205d53a.txt',
  '001_eaa8da74433a86b8.txt',
  '002_a0bef604ce07edd0.txt',
  '003_890b398ebbbe2309.txt',
  '004_4d1a9cde034ba511.txt',
] as const;
export type SourceDocument = (typeof SOURCE_DOCUMENTS)[number];

export const LocalizedSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof LocalizedSchema>;

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const SourceSchema = z
  .object({
    document: z.enum(SOURCE_DOCUMENTS),
    /** Section path in the document's own numbering, e.g. `三、(四)` or `四、(一)1`. */
    section: z.string().min(1),
    /** Verbatim sentence(s) from the document (004: as printed, Traditional with pinyin is fine, or Simplified). */
    quote: z.string().min(4),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

export const BENEFIT_KINDS = [
  'cash_reward',
  'subsidy',
  'voucher',
  'industrial_space',
  'fund_investment',
  'financing',
  'talent_service',
  'green_channel',
  'platform',
  'recognition',
  'other',
] as const;

export const BenefitSchema = z
  .object({
    kind: z.enum(BENEFIT_KINDS),
    description: LocalizedSchema,
    /** Yuan. Only where the plan states an amount; `amountQuoted` is the text in the quote that states it. */
    amount: z.number().positive().optional(),
    amountQuoted: z.string().optional(),
  })
  .strict()
  .refine((b) => (b.amount === undefined) === (b.amountQuoted === undefined), {
    message: 'amount and amountQuoted go together',
  });

export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'hasAny',
  'hasAll',
  'hasNone',
  'startsWithAny',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Comparison {
  field: FieldId;
  op: Operator;
  value: boolean | number | string | string[];
  /** For numeric thresholds: the words in the clause's quote that state the number, e.g. `超过5000万`. */
  quoted?: string;
  /** Optional phrase overriding the generated explanation of what is expected. */
  explain?: Localized;
}
export type Criterion = { all: Criterion[] } | { any: Criterion[] } | { not: Criterion } | Comparison;

export const ComparisonSchema = z
  .object({
    field: z.enum(FIELD_IDS as [FieldId, ...FieldId[]]),
    op: z.enum(OPERATORS),
    value: z.union([z.boolean(), z.number(), z.string(), z.array(z.string()).min(1)]),
    quoted: z.string().optional(),
    explain: LocalizedSchema.optional(),
  })
  .strict();

export const CriterionSchema: z.ZodType<Criterion> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(CriterionSchema).min(1) }).strict(),
    z.object({ any: z.array(CriterionSchema).min(1) }).strict(),
    z.object({ not: CriterionSchema }).strict(),
    ComparisonSchema,
  ]),
);

export const PeriodSchema = z.object({ from: IsoDateSchema, to: IsoDateSchema }).strict();

export const ClauseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id'),
    title: LocalizedSchema,
    summary: LocalizedSchema,
    tracks: z.array(z.string()).min(1),
    benefit: BenefitSchema,
    /** As the plan names them (牵头单位), first is the lead; empty when the plan names none. */
    leadDepartments: z.array(z.string().min(2)),
    period: PeriodSchema,
    source: SourceSchema,
    criteria: CriterionSchema,
  })
  .strict();
export type Clause = z.infer<typeof ClauseSchema>;

export const ClauseFileSchema = z.array(ClauseSchema).min(1);

export const TrackSchema = z
  .object({ id: z.string().regex(/^[a-z_]+$/), name: LocalizedSchema, description: LocalizedSchema })
  .strict();
export type Track = z.infer<typeof TrackSchema>;

export const BuildingSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    name: z.string().min(2),
    nameEn: z.string().optional(),
    /** Traditional forms, short names, English names. The resolver also folds width, spacing and script. */
    aliases: z.array(z.string()),
    subdistrict: z.string().nullable(),
    tracks: z.array(z.string()),
    kind: z.enum(['building', 'park', 'area']).default('building'),
    source: SourceSchema,
  })
  .strict();
export type Building = z.infer<typeof BuildingSchema>;

export const SubdistrictSchema = z
  .object({ id: z.string(), name: LocalizedSchema, aliases: z.array(z.string()).default([]) })
  .strict();

export const IndustryDivisionSchema = z
  .object({
    code: z.string().regex(/^[A-T](\d{2})?$/),
    name: LocalizedSchema,
    tracks: z.array(z.string()).default([]),
  })
  .strict();
export type IndustryDivision = z.infer<typeof IndustryDivisionSchema>;

/** Each source document's title, as results cite it (every clause carries its own period). */
export const SOURCE_DOCUMENT_TITLES: Record<SourceDocument, Localized> = {
  '000_338467c9a205d53a.txt': {
    zh: '罗湖区产业发展"十四五"规划',
    en: 'Luohu 14th Five-Year Plan for Industrial Development',
  },
  '001_eaa8da74433a86b8.txt': {
    zh: '罗湖区推动服务业高质量发展行动计划(2022—2025年)',
    en: 'Luohu Action Plan for High-Quality Development of the Service Industry (2022–2025)',
  },
  '002_a0bef604ce07edd0.txt': {
    zh: '罗湖区2025年上半年经济社会发展计划执行情况和下半年重点工作',
    en: 'Luohu H1 2025 Plan Implementation Report and H2 2025 Key Tasks',
  },
  '003_890b398ebbbe2309.txt': {
    zh: '深圳市罗湖区产业转型升级行动计划',
    en: 'Luohu Industrial Transformation and Upgrading Action Plan (2014)',
  },
  '004_4d1a9cde034ba511.txt': {
    zh: '罗湖观察|向"新"谋"兴",2025罗湖如何"再创业"?(南方都市报)',
    en: 'Luohu Observer: how Luohu "starts up again" in 2025 (Southern Metropolis Daily)',
  },
};
