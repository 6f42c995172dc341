import { z } from 'zod';
import { DESIGNATIONS, HEADQUARTERS_TYPES, LISTING_STATUSES, MARKETS, OWNERSHIPS } from './fields.js';

// The company profile of the API contract. Every field is optional: a missing
// field is *unknown*, never false or zero. Bounds keep hostile input cheap.

export const MAX_NAME = 200;
export const MAX_TEXT = 2000;
export const MAX_ITEMS = 100;

const money = z.number().finite().nonnegative().max(1e15);

export const IndustrySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Ta-t](\d{2,4})?$/, 'GB/T 4754-2017 code, e.g. I65 or I6513')
      .transform((s) => s.toUpperCase())
      .optional(),
    tracks: z.array(z.string().min(1).max(64)).max(MAX_ITEMS).optional(),
    description: z.string().max(MAX_TEXT).optional(),
  })
  .strict();

export const ListingSchema = z
  .object({
    status: z.enum(LISTING_STATUSES).optional(),
    market: z.enum(MARKETS).optional(),
  })
  .strict();

export const ProfileSchema = z
  .object({
    name: z.string().max(MAX_NAME).optional(),
    creditCode: z.string().max(64).optional(),
    registeredInLuohu: z.boolean().optional(),
    relocating: z.boolean().optional(),
    industry: IndustrySchema.optional(),
    annualRevenueCny: money.optional(),
    annualTaxCny: money.optional(),
    employees: z.number().int().nonnegative().max(10_000_000).optional(),
    listing: ListingSchema.optional(),
    building: z.string().max(MAX_NAME).optional(),
    /** Extension: for building owners/operators, the tax the building's tenants paid last year (CNY). */
    buildingAnnualTaxCny: money.optional(),
    subdistrict: z.string().max(64).optional(),
    designations: z.array(z.enum(DESIGNATIONS)).max(MAX_ITEMS).optional(),
    ownership: z.enum(OWNERSHIPS).optional(),
    headquarters: z.enum(HEADQUARTERS_TYPES).optional(),
  })
  .strict();

export type Profile = z.infer<typeof ProfileSchema>;
