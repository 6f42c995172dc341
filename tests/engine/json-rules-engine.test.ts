import { describe, expect, it } from 'vitest';
import { buildJre, jreEligible, jreFacts } from '../../bench/lib/jre.js';
import { completeProfiles } from '../../bench/lib/profiles.js';
import { loadCatalogFromSeeds } from '../../shared/catalog/load-seeds.js';
import { compileCatalog, match } from '../../shared/engine/index.js';

// The benchmark compares our engine with the same catalog translated
// mechanically into json-rules-engine rules (bench/lib/jre.ts). The comparison
// is only meaningful while both decide alike on complete profiles; this keeps
// that checked on every run, not only when someone runs `npm run bench`.

const cc = compileCatalog(loadCatalogFromSeeds());

describe('json-rules-engine translation of the catalog', () => {
  it('decides every clause as the engine does on complete profiles', async () => {
    const jre = buildJre(cc);
    for (const profile of completeProfiles(cc, 40, 7)) {
      const ours = match(cc, profile, { asOf: '2025-09-01', lang: 'zh', detail: 'outcomes' });
      const theirs = await jreEligible(jre, jreFacts(cc, profile));
      expect(ours.counts.needs_info, 'a complete profile leaves nothing open').toBe(0);
      const eligible = ours.results.filter((r) => r.outcome === 'eligible').map((r) => r.policyId);
      expect(eligible.sort()).toEqual([...theirs].sort());
    }
  });
});
