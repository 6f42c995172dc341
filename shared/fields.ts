// The profile fields that catalog criteria may test, with their value kinds.
// This is the one list the catalog schema, the engine (questions, explanations)
// and the i18n tables agree on. Adding a field means adding it here, to
// ProfileSchema, and to each i18n table's `fields` entry.

export const LISTING_STATUSES = ['listed', 'pre_ipo', 'unlisted'] as const;
export const OWNERSHIPS = ['private', 'state', 'hk_macau', 'foreign'] as const;
export const HEADQUARTERS_TYPES = ['none', 'functional', 'regional', 'national', 'global'] as const;
export const SUBDISTRICTS = [
  '桂园',
  '黄贝',
  '东门',
  '翠竹',
  '笋岗',
  '清水河',
  '莲塘',
  '东晓',
  '东湖',
  '南湖',
] as const;
export const MARKETS = ['SSE', 'SZSE', 'BSE', 'HKEX', 'NASDAQ', 'NYSE', 'OTHER'] as const;

// Designation ids from the API contract, plus a few that the plans single out.
export const DESIGNATIONS = [
  'high_tech',
  'specialized_sme',
  'little_giant',
  'unicorn',
  'gazelle',
  'single_champion',
  'fortune_global_500',
  'china_top_500',
  'central_soe',
  'municipal_hq',
  'above_scale',
  'licensed_financial',
  'industry_top_100',
  'dual_software_cert',
  'first_store',
  'time_honored_brand',
] as const;

export type FieldKind = 'boolean' | 'number' | 'enum' | 'set' | 'code' | 'building' | 'text';

export interface FieldDef {
  kind: FieldKind;
  /** Allowed values for enum and set fields (used for validation and question options). */
  options?: readonly string[];
  /** Whether the field is a money amount in yuan (for phrasing 万元/亿元). */
  money?: boolean;
  /** Derived fields are computed from other profile fields; questions ask for `askFor` instead. */
  askFor?: string;
  /**
   * How hard the question is to answer (default 1). Next questions are ranked by
   * results settled per unit of effort, so a chat asks "which industry?" before
   * "what is your GB/T 4754 code?" when both would settle about as much.
   */
  effort?: number;
}

export const FIELDS = {
  registeredInLuohu: { kind: 'boolean' },
  relocating: { kind: 'boolean' },
  'industry.code': { kind: 'code', effort: 3 },
  'industry.tracks': { kind: 'set' },
  annualRevenueCny: { kind: 'number', money: true },
  annualTaxCny: { kind: 'number', money: true },
  employees: { kind: 'number' },
  'listing.status': { kind: 'enum', options: LISTING_STATUSES },
  'listing.market': { kind: 'enum', options: MARKETS, effort: 2 },
  building: { kind: 'building' },
  'building.tracks': { kind: 'set', askFor: 'building' },
  /** Owners and operators of a building: the tax its tenants paid last year (亿元楼 and the like). */
  buildingAnnualTaxCny: { kind: 'number', money: true, effort: 3 },
  subdistrict: { kind: 'enum', options: SUBDISTRICTS },
  designations: { kind: 'set', options: DESIGNATIONS },
  ownership: { kind: 'enum', options: OWNERSHIPS },
  headquarters: { kind: 'enum', options: HEADQUARTERS_TYPES },
} as const satisfies Record<string, FieldDef>;

export type FieldId = keyof typeof FIELDS;
export const FIELD_IDS = Object.keys(FIELDS) as FieldId[];

export function fieldDef(id: FieldId): FieldDef {
  return FIELDS[id];
}
