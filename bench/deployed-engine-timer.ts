import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { compileCatalog, match } from '../shared/engine/index.js';
import type { DeployedEngineTiming } from './deployed-engine.js';
import { benchGrowth } from './engine.js';
import { completeProfiles } from './lib/profiles.js';
import { timeSync } from './lib/stats.js';

// The entry bench/deployed-engine.ts bundles and runs with plain node: the
// same profiles and options as bench/engine.ts, timed, printed as JSON.
// `node <bundle> match <iterations>` or `node <bundle> growth <size> …`.
function timeMatch(iterations: number): DeployedEngineTiming {
  const cc = compileCatalog(loadCatalogFromSeeds(process.env.BENCH_SEEDS_DIR));
  const profiles = completeProfiles(cc, 500);
  const opts = { warmup: 2000, iterations };
  return {
    full: timeSync(profiles, (p) => match(cc, p, { asOf: '2025-09-01', lang: 'zh' }), opts),
    outcomes: timeSync(
      profiles,
      (p) => match(cc, p, { asOf: '2025-09-01', lang: 'zh', detail: 'outcomes' }),
      opts,
    ),
  };
}

const [mode = 'match', ...args] = process.argv.slice(2);
console.log(
  JSON.stringify(
    mode === 'growth'
      ? benchGrowth(args.map(Number), process.env.BENCH_SEEDS_DIR)
      : timeMatch(Number(args[0]) || 20_000),
  ),
);
