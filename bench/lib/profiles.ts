import type { CompiledCatalog } from '../../shared/engine/index.js';
import {
  DESIGNATIONS,
  type FieldId,
  HEADQUARTERS_TYPES,
  LISTING_STATUSES,
  MARKETS,
  OWNERSHIPS,
  SUBDISTRICTS,
} from '../../shared/fields.js';
import type { Profile } from '../../shared/profile.js';

// Deterministic synthetic company profiles for benchmarks. "Complete" profiles
// set every field the catalog can test, so every clause is decided (eligible or
// ineligible) and engines without three-valued logic can be compared fairly.

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function some<T>(r: () => number, xs: readonly T[], max: number): T[] {
  const n = Math.floor(r() * (max + 1));
  return [...new Set(Array.from({ length: n }, () => pick(r, xs)))];
}

/** Amounts (CNY) no plan names, from nothing to very large. */
const GENERIC_AMOUNTS = [0, 5e5, 3e6, 2e7, 3e8, 2e9, 5e10];

/**
 * Amounts for a money field: the generic ones, and every threshold the catalog
 * compares that field with, one below it and one above it, so that the
 * boundaries the plans draw are exercised wherever seeds/ puts them.
 */
function amountsFor(cc: CompiledCatalog, field: FieldId): number[] {
  const amounts = new Set(GENERIC_AMOUNTS);
  for (const clause of cc.clauses)
    for (const leaf of clause.leaves)
      if (leaf.field === field && Number.isFinite(leaf.num))
        for (const amount of [leaf.num - 1, leaf.num, leaf.num + 1]) if (amount >= 0) amounts.add(amount);
  return [...amounts].sort((a, b) => a - b);
}

export function completeProfiles(cc: CompiledCatalog, count: number, seed = 42): Profile[] {
  const r = rng(seed);
  const revenues = amountsFor(cc, 'annualRevenueCny');
  const taxes = amountsFor(cc, 'annualTaxCny');
  const buildingTaxes = amountsFor(cc, 'buildingAnnualTaxCny');
  const tracks = cc.catalog.tracks.map((t) => t.id);
  const buildings = cc.catalog.buildings.filter((b) => b.subdistrict !== null).map((b) => b.name);
  const allBuildings = cc.catalog.buildings.map((b) => b.name);
  // Class-level codes (letter + 4 digits) decide every industry test, as a complete profile must.
  const codes = [...cc.industryNames.keys()]
    .filter((c) => c.length === 3)
    .map((c) => `${c}${String(Math.floor(r() * 90) + 10)}`);
  return Array.from({ length: count }, (_, i) => ({
    name: `基准测试企业${i}`,
    registeredInLuohu: r() < 0.7,
    relocating: r() < 0.3,
    industry: { code: pick(r, codes), tracks: some(r, tracks, 3), description: '综合业务' },
    annualRevenueCny: r() < 0.5 ? pick(r, revenues) : Math.round(r() * 2e10),
    annualTaxCny: r() < 0.5 ? pick(r, taxes) : Math.round(r() * 2e8),
    employees: Math.floor(r() * 5000),
    listing: { status: pick(r, LISTING_STATUSES), market: pick(r, MARKETS) },
    // A subdistrict is set explicitly so that profiles stay complete whatever the building.
    building: pick(r, r() < 0.8 ? allBuildings : buildings),
    buildingAnnualTaxCny: pick(r, buildingTaxes),
    subdistrict: pick(r, SUBDISTRICTS),
    designations: some(r, DESIGNATIONS, 4),
    ownership: pick(r, OWNERSHIPS),
    headquarters: pick(r, HEADQUARTERS_TYPES),
  }));
}
