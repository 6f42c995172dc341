import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GrowthPoint } from './engine.js';
import { bundle } from './lib/bundle.js';
import type { Timing } from './lib/stats.js';

// The engine timed as it is deployed: bundled as the Lambda functions are,
// run by plain node. Under tsx every function expression gets esbuild's
// keepNames wrapper (`__name(fn, "…")`, a defineProperty per closure created),
// which the Lambda bundle does not have; closures made per call on the hot path
// then cost more under tsx than in production, so the tsx figure is pessimistic.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface DeployedEngineTiming {
  /** Every criterion explained (the API's default). */
  full: Timing;
  /** Decisions only (`detail: 'outcomes'`): what json-rules-engine computes too. */
  outcomes: Timing;
}

/** Bundles the timer as the functions are bundled, runs it with plain node, returns what it printed. */
async function runDeployed<T>(args: string[]): Promise<T> {
  const work = mkdtempSync(join(REPO, 'bench/.deployed-'));
  try {
    const { outfile } = await bundle(join(REPO, 'bench/deployed-engine-timer.ts'), work, 'engine');
    const out = execFileSync(process.execPath, [outfile, ...args], {
      env: { ...process.env, BENCH_SEEDS_DIR: join(REPO, 'seeds') },
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').at(-1) as string) as T;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function benchDeployedEngine({ iterations = 20_000 } = {}): Promise<DeployedEngineTiming> {
  return runDeployed(['match', String(iterations)]);
}

/** The growth benchmark (bench/engine.ts) run as deployed. */
export function benchDeployedGrowth(sizes: readonly number[]): Promise<GrowthPoint[]> {
  return runDeployed(['growth', ...sizes.map(String)]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.log(JSON.stringify(await benchDeployedEngine(), null, 2));
