import { buildCatalog } from '../shared/catalog/catalog.js';
import { readRawCatalog } from '../shared/catalog/load-seeds.js';
import type { Clause } from '../shared/catalog/schema.js';
import { type CompiledCatalog, compileCatalog, match } from '../shared/engine/index.js';
import { buildJre, jreEligible, jreFacts } from './lib/jre.js';
import { completeProfiles } from './lib/profiles.js';
import { round, type Timing, timeAsync, timeSync } from './lib/stats.js';

const ASOF = '2025-09-01';

export interface EngineBench {
  clauses: number;
  ours: Timing;
  jsonRulesEngine: Timing;
  speedRatioP50: number;
  decisionsCompared: number;
  decisionsAgree: boolean;
  disagreements: string[];
}

export async function benchEngine(cc: CompiledCatalog, opts: { iterations: number }): Promise<EngineBench> {
  const profiles = completeProfiles(cc, 500);
  const jre = buildJre(cc);
  const facts = profiles.map((p) => jreFacts(cc, p));

  // Same decisions on complete profiles: every clause eligible in ours iff json-rules-engine fires it.
  const disagreements: string[] = [];
  for (let i = 0; i < profiles.length; i++) {
    const ours = match(cc, profiles[i]!, { asOf: ASOF, lang: 'zh' });
    const theirs = await jreEligible(jre, facts[i]!);
    for (const r of ours.results) {
      if (r.outcome === 'needs_info')
        disagreements.push(`profile ${i}: ${r.policyId} undecided on a complete profile`);
      if ((r.outcome === 'eligible') !== theirs.has(r.policyId))
        disagreements.push(`profile ${i}: ${r.policyId} ours=${r.outcome} jre=${theirs.has(r.policyId)}`);
    }
  }

  const ours = timeSync(profiles, (p) => match(cc, p, { asOf: ASOF, lang: 'zh' }), {
    warmup: 2000,
    iterations: opts.iterations,
  });
  const theirs = await timeAsync(facts, (f) => jre.run(f), {
    warmup: 200,
    iterations: Math.max(500, opts.iterations / 10),
  });
  return {
    clauses: cc.clauses.length,
    ours,
    jsonRulesEngine: theirs,
    speedRatioP50: round(theirs.p50Us / ours.p50Us, 1),
    decisionsCompared: profiles.length * cc.clauses.length,
    decisionsAgree: disagreements.length === 0,
    disagreements: disagreements.slice(0, 20),
  };
}

/** A synthetic catalog of `size` clauses cloned from the real ones, thresholds varied so clones differ. */
export function syntheticCatalog(size: number, seedsDir?: string): CompiledCatalog {
  const raw = readRawCatalog(seedsDir);
  const real = (raw.clauses as Clause[][]).flat();
  const clauses: unknown[] = [];
  for (let i = 0; i < size; i++) {
    const base = real[i % real.length] as Clause;
    const factor = 1 + Math.floor(i / real.length) * 0.01;
    const vary = (c: unknown): unknown => {
      if (Array.isArray(c)) return c.map(vary);
      if (c && typeof c === 'object') {
        const o = { ...(c as Record<string, unknown>) };
        if (typeof o.value === 'number') o.value = Math.round((o.value as number) * factor);
        for (const k of ['all', 'any', 'not']) if (k in o) o[k] = vary(o[k]);
        return o;
      }
      return c;
    };
    clauses.push({ ...base, id: `${base.id}-syn-${i}`, criteria: vary(base.criteria) });
  }
  // Synthetic clones may restate numbers their quotes do not hold: they are for timing only.
  return compileCatalog(buildCatalog({ ...raw, clauses: [clauses] }));
}

export interface GrowthPoint {
  clauses: number;
  p50Us: number;
  p99Us: number;
  usPerClause: number;
  /** Decisions only (`detail: 'outcomes'`). */
  outcomesP50Us: number;
}

/**
 * p50 per profile on synthetic catalogs. Runs where it is called: bench/run.ts
 * calls it through the deployed-engine runner (bundled, plain node), as the
 * engine figures are taken.
 */
export function benchGrowth(sizes: readonly number[], seedsDir?: string): GrowthPoint[] {
  return sizes.map((size) => {
    const cc = syntheticCatalog(size, seedsDir);
    const profiles = completeProfiles(cc, 200);
    const iterations = Math.max(200, Math.round(2_000_000 / size));
    const opts = { warmup: Math.min(500, iterations), iterations };
    const t = timeSync(profiles, (p) => match(cc, p, { asOf: ASOF, lang: 'zh' }), opts);
    const o = timeSync(profiles, (p) => match(cc, p, { asOf: ASOF, lang: 'zh', detail: 'outcomes' }), opts);
    return {
      clauses: size,
      p50Us: t.p50Us,
      p99Us: t.p99Us,
      usPerClause: round(t.p50Us / size, 3),
      outcomesP50Us: o.p50Us,
    };
  });
}
