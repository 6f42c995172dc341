import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { compileCatalog, match } from '../shared/engine/index.js';
import { completeProfiles } from './lib/profiles.js';
import { type Timing, timeSync } from './lib/stats.js';

// The engine timed as it is deployed: bundled by esbuild, run by plain node.
// Under tsx every function expression gets esbuild's keepNames wrapper
// (`__name(fn, "…")`, a defineProperty per closure created), which the Lambda
// bundle does not have; closures made per call on the hot path then cost more
// under tsx than in production, so the tsx figure is pessimistic.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface DeployedEngineTiming {
  /** Every criterion explained (the API's default). */
  full: Timing;
  /** Decisions only (`detail: 'outcomes'`): what json-rules-engine computes too. */
  outcomes: Timing;
}

/** Run inside the bundle: the same profiles and options as bench/engine.ts. */
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

export async function benchDeployedEngine({ iterations = 20_000 } = {}): Promise<DeployedEngineTiming> {
  const work = mkdtempSync(join(REPO, 'bench/.deployed-'));
  try {
    const outfile = join(work, 'engine.mjs');
    await build({
      entryPoints: [fileURLToPath(import.meta.url)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      minify: true,
      outfile,
      // The bundle's own build step is never called inside it; esbuild stays a package.
      external: ['esbuild'],
      // CommonJS dependencies call require(); ESM output has none (as in infra/).
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      logLevel: 'error',
    });
    const out = execFileSync(process.execPath, [outfile, String(iterations)], {
      env: { ...process.env, BENCH_SEEDS_DIR: join(REPO, 'seeds'), BENCH_DEPLOYED_ENGINE: '1' },
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').at(-1) as string) as DeployedEngineTiming;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Inside the bundle, this module is the entry: time and print.
if (process.env.BENCH_DEPLOYED_ENGINE === '1')
  console.log(JSON.stringify(timeMatch(Number(process.argv[2]) || 20_000)));
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.log(JSON.stringify(await benchDeployedEngine(), null, 2));
