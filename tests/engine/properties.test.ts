import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromSeeds } from '../../shared/catalog/load-seeds.js';
import type { Node } from '../../shared/engine/compile.js';
import { compileCatalog, match, matchResultJson, understand } from '../../shared/engine/index.js';
import {
  DESIGNATIONS,
  HEADQUARTERS_TYPES,
  LISTING_STATUSES,
  OWNERSHIPS,
  SUBDISTRICTS,
} from '../../shared/fields.js';
import type { Profile } from '../../shared/profile.js';

// Properties of three-valued matching over the real catalog: knowing more can
// only settle open criteria, never flip settled ones; knowing less can never
// make a company eligible; the output is a pure function of the input.

const cc = compileCatalog(loadCatalogFromSeeds());
const trackIds = cc.catalog.tracks.map((t) => t.id);
const buildingNames = cc.catalog.buildings.map((b) => b.name);
const codes = [...cc.industryNames.keys()];

const money = fc.oneof(
  fc.constantFrom(0, 1e6, 3e7, 5e7, 1e8, 3e8, 1e9, 1e10),
  fc.integer({ min: 0, max: 2e10 }),
);

const fieldArbs = {
  registeredInLuohu: fc.boolean(),
  relocating: fc.boolean(),
  industry: fc.record(
    {
      code: fc.constantFrom(...codes),
      tracks: fc.uniqueArray(fc.constantFrom(...trackIds), { maxLength: 4 }),
    },
    { requiredKeys: [] },
  ),
  annualRevenueCny: money,
  annualTaxCny: money,
  employees: fc.integer({ min: 0, max: 100_000 }),
  listing: fc.record({ status: fc.constantFrom(...LISTING_STATUSES) }),
  building: fc.constantFrom(...buildingNames),
  buildingAnnualTaxCny: money,
  subdistrict: fc.constantFrom(...SUBDISTRICTS),
  designations: fc.uniqueArray(fc.constantFrom(...DESIGNATIONS), { maxLength: 4 }),
  ownership: fc.constantFrom(...OWNERSHIPS),
  headquarters: fc.constantFrom(...HEADQUARTERS_TYPES),
};
type Key = keyof typeof fieldArbs;
const keys = Object.keys(fieldArbs) as Key[];

const profileArb: fc.Arbitrary<Profile> = fc.record(fieldArbs, { requiredKeys: [] }) as fc.Arbitrary<Profile>;
const asOf = '2025-09-01';

/**
 * A subdistrict at odds with the building's: knowing more or less of such a
 * profile is not a refinement (the subdistrict was already known from the
 * building), so the monotonicity properties leave it out. The engine warns about
 * it; it is the only subdistrict warning profiles drawn from the valid values can raise.
 */
function contradicts(p: Profile): boolean {
  return understand(cc, p, 'zh').warnings.some((w) => w.field === 'profile.subdistrict');
}

function criteriaOutcomes(p: Profile) {
  const r = match(cc, p, { asOf, lang: 'zh' });
  return new Map(r.results.map((x) => [x.policyId, x]));
}

describe('matching properties over the real catalog', () => {
  it('refining an unknown field to any value never flips a criterion that was already met or not met', () => {
    fc.assert(
      fc.property(
        profileArb,
        fc.constantFrom(...keys),
        fc.record(fieldArbs, { requiredKeys: keys }),
        (profile, key, values) => {
          if (profile[key as keyof Profile] !== undefined) return;
          const refined = { ...profile, [key]: values[key] } as Profile;
          fc.pre(!contradicts(refined));
          const before = criteriaOutcomes(profile);
          const after = criteriaOutcomes(refined);
          for (const [id, b] of before) {
            const a = after.get(id);
            b.criteria.forEach((c, i) => {
              if (c.outcome !== 'unknown')
                expect(a?.criteria[i]?.outcome, `${id} ${c.field}`).toBe(c.outcome);
            });
            if (b.outcome !== 'needs_info') expect(a?.outcome, id).toBe(b.outcome);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('removing a field never turns needs_info into eligible', () => {
    fc.assert(
      fc.property(profileArb, fc.constantFrom(...keys), (profile, key) => {
        fc.pre(!contradicts(profile));
        const before = criteriaOutcomes(profile);
        const less = { ...profile };
        delete less[key as keyof Profile];
        const after = criteriaOutcomes(less);
        for (const [id, b] of before) {
          if (b.outcome === 'needs_info') expect(after.get(id)?.outcome, id).not.toBe('eligible');
          if (b.outcome === 'ineligible') expect(after.get(id)?.outcome, id).not.toBe('eligible');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same profile gives byte-identical output', () => {
    fc.assert(
      fc.property(profileArb, fc.constantFrom('zh' as const, 'en' as const), (profile, lang) => {
        const a = JSON.stringify(match(cc, profile, { asOf, lang }));
        const b = JSON.stringify(match(cc, structuredClone(profile), { asOf, lang }));
        expect(a).toBe(b);
      }),
      { numRuns: 60 },
    );
  });

  it('outcomes-only matching decides exactly as full matching, in the same order', () => {
    fc.assert(
      fc.property(profileArb, (profile) => {
        const full = match(cc, profile, { asOf, lang: 'zh' });
        const lean = match(cc, profile, { asOf, lang: 'zh', detail: 'outcomes' });
        expect(lean.results.map((r) => [r.policyId, r.outcome, r.validity])).toEqual(
          full.results.map((r) => [r.policyId, r.outcome, r.validity]),
        );
        expect(lean.counts).toEqual(full.counts);
        expect(lean.results.every((r) => r.criteria.length === 0 && r.gaps.length === 0)).toBe(true);
        expect(lean.nextQuestions).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('an empty profile settles nothing: every clause needs information', () => {
    const r = match(cc, {}, { asOf, lang: 'zh' });
    expect(r.counts.eligible).toBe(0);
    expect(r.counts.ineligible).toBe(0);
    expect(r.nextQuestions.length).toBeGreaterThan(0);
  });
});

describe('the pre-encoded JSON of an answer (what POST /v1/match sends)', () => {
  const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const options = fc.record({
    lang: fc.constantFrom('zh' as const, 'en' as const),
    detail: fc.constantFrom('full' as const, 'outcomes' as const),
    asOf: fc.constantFrom('2021-03-01', '2025-05-01', '2025-09-01', '2026-11-21'),
    tracks: fc.option(fc.uniqueArray(fc.constantFrom(...trackIds), { minLength: 1, maxLength: 3 }), {
      nil: undefined,
    }),
  });

  it('is byte for byte JSON.stringify of the answer', () => {
    fc.assert(
      fc.property(profileArb, options, (profile, { tracks, ...opts }) => {
        const r = match(cc, profile, { ...opts, ...(tracks ? { tracks } : {}) });
        expect(decode(matchResultJson(cc, r))).toBe(JSON.stringify(r));
      }),
      { numRuns: 120 },
    );
  });

  it('serialises results copied or changed after matching as they now are', () => {
    fc.assert(
      fc.property(profileArb, fc.nat(), (profile, pick) => {
        const r = match(cc, profile, { asOf, lang: 'en' });
        const i = pick % r.results.length;
        const j = (pick >> 3) % r.results.length;
        r.results[i] = { ...(r.results[i] as (typeof r.results)[number]), title: 'changed' };
        (r.results[j] as { source: unknown }).source = { document: 'elsewhere' };
        expect(decode(matchResultJson(cc, r))).toBe(JSON.stringify(r));
      }),
      { numRuns: 40 },
    );
  });
});

describe('the verdict program', () => {
  // Kleene's strong logic written out over the compiled tree: the oracle the
  // postfix program (all clauses at once, and one clause at a time) must agree with.
  const kleene = (node: Node, v: ArrayLike<number>): number => {
    switch (node.kind) {
      case 'leaf':
        return v[node.index] as number;
      case 'not': {
        const x = kleene(node.child, v);
        return x === 2 ? 2 : 1 - x;
      }
      case 'all': {
        const xs = node.children.map((c) => kleene(c, v));
        return xs.includes(0) ? 0 : xs.includes(2) ? 2 : 1;
      }
      case 'any': {
        const xs = node.children.map((c) => kleene(c, v));
        return xs.includes(1) ? 1 : xs.includes(2) ? 2 : 0;
      }
    }
  };

  it('agrees with Kleene logic over each clause tree, for all clauses at once and for one clause', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: cc.plan.tests.length, maxLength: cc.plan.tests.length, max: 2 }),
        (values) => {
          const verdicts = cc.verdicts.run(values);
          for (const c of cc.clauses) {
            const expected = kleene(c.root, values);
            expect(verdicts[c.index], c.clause.id).toBe(expected);
            expect(cc.verdicts.clause(c.index, values), c.clause.id).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
