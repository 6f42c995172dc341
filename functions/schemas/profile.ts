import { z } from '@hono/zod-openapi';
import { checkCreditCode } from '../../shared/credit-code.js';
import { IndustrySchema, ListingSchema, ProfileSchema } from '../../shared/profile.js';
import { toHalfWidth } from '../../shared/text/normalize.js';
import { forApi, shapeForApi } from './common.js';

// The request profile is shared/profile.ts's ProfileSchema (strict, bounded) with
// what only the API adds: the credit code's check character, width folding of the
// industry code before its pattern is tested, and the descriptions /docs shows.

export const CreditCodeSchema = z
  .string()
  .max(64)
  .transform((text, ctx) => {
    const check = checkCreditCode(text);
    if (check.ok) return check.code;
    ctx.addIssue({
      code: 'custom',
      input: text,
      params: { message: `creditCode.${check.problem}`, length: check.code.length },
    });
    return z.NEVER;
  })
  .openapi({
    description:
      '统一社会信用代码 (unified social credit code), 18 characters. Full-width characters, spaces and lower case are normalised; the GB 32100-2015 check character must match.',
    example: '91350100M000100Y43',
  });

const industryCode = z.preprocess(
  (v) => (typeof v === 'string' ? toHalfWidth(v).replace(/\s+/g, '') : v),
  IndustrySchema.shape.code.unwrap(),
);

const industry = shapeForApi(IndustrySchema.shape);

const ApiIndustrySchema = IndustrySchema.extend({
  code: industryCode.optional().openapi({
    description: 'GB/T 4754-2017 code: section letter with 0, 2, 3 or 4 digits.',
    example: 'I65',
  }),
  tracks: industry.tracks.openapi({
    description: 'Track ids (see /v1/tracks) the company says it belongs to.',
  }),
  description: industry.description.openapi({ description: 'Free text, e.g. 无人机物流配送.' }),
}).openapi('Industry');

const s = shapeForApi(ProfileSchema.shape);

export const ApiProfileSchema = ProfileSchema.extend({
  name: s.name.openapi({ description: 'Company name.' }),
  creditCode: CreditCodeSchema.optional(),
  registeredInLuohu: s.registeredInLuohu.openapi({ description: 'Registered (落户) in Luohu now.' }),
  relocating: s.relocating.openapi({
    description: 'A prospect planning to settle in Luohu (拟落户 / 新引进).',
  }),
  industry: ApiIndustrySchema.optional(),
  annualRevenueCny: s.annualRevenueCny.openapi({
    description: "Last full year's revenue, yuan.",
    example: 30_000_000,
  }),
  annualTaxCny: s.annualTaxCny.openapi({
    description: "Last year's tax / fiscal contribution (财政贡献), yuan.",
  }),
  employees: s.employees.openapi({ description: 'Headcount.' }),
  listing: forApi(ListingSchema)
    .openapi('Listing', { description: '`pre_ipo` = 拟上市 / 上市后备.' })
    .optional(),
  building: s.building.openapi({
    description: 'Building name, alias or id; Simplified or Traditional Chinese; resolved by the service.',
    example: '粤海城T1',
  }),
  buildingAnnualTaxCny: s.buildingAnnualTaxCny.openapi({
    description: "Building owners and operators: the tax the building's tenants paid last year, yuan.",
  }),
  subdistrict: s.subdistrict.openapi({
    description: '街道, e.g. 桂园, 黄贝, 东门, 翠竹, 笋岗, 清水河, 莲塘, 东晓, 东湖, 南湖.',
  }),
  designations: s.designations.openapi({
    description: 'Designations such as high_tech (国家高新技术企业) or little_giant.',
  }),
  ownership: s.ownership.openapi({ description: 'Ownership / origin of capital.' }),
  headquarters: s.headquarters.openapi({ description: 'Headquarters type of this entity.' }),
}).openapi('Profile', {
  description: 'Company profile. Every field is optional: a missing field is unknown, never false or zero.',
});

export type ApiProfile = z.infer<typeof ApiProfileSchema>;

/** The profile as the engine understood it: normalised, with the building resolved. */
export const UnderstoodProfileSchema = ProfileSchema.extend({
  buildingId: z.string().optional().openapi({ description: 'Catalog id of the resolved building.' }),
  buildingName: z.string().optional().openapi({ description: 'Canonical name of the resolved building.' }),
  buildingTracks: z
    .array(z.string())
    .optional()
    .openapi({ description: 'Tracks the resolved building is designated for.' }),
}).openapi('UnderstoodProfile');
