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

export interface DeployedEngineRounds extends DeployedEngineTiming {
  /** Each round's figures, in the order run; `full` and `outcomes` above are the median rounds. */
  rounds: DeployedEngineTiming[];
}

/** Bundles the timer as the functions are bundled, runs it with plain node `runs` times, returns what each printed. */
async function runDeployed<T>(args: string[], runs = 1): Promise<T[]> {
  const work = mkdtempSync(join(REPO, 'bench/.deployed-'));
  try {
    const { outfile } = await bundle(join(REPO, 'bench/deployed-engine-timer.ts'), work, 'engine');
    return Array.from({ length: runs }, () => {
      const out = execFileSync(process.execPath, [outfile, ...args], {
        env: { ...process.env, BENCH_SEEDS_DIR: join(REPO, 'seeds') },
        encoding: 'utf8',
      });
      return JSON.parse(out.trim().split('\n').at(-1) as string) as T;
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function medianBy<T>(items: readonly T[], key: (t: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor((items.length - 1) / 2)] as T;
}

/**
 * The engine timed in `rounds` fresh processes, reported as the median round
 * (by p50): this shared 2-core VM has phases in which everything runs ~1.5×
 * slower for seconds at a time, and one such phase should not decide the figure.
 */
export async function benchDeployedEngine({
  iterations = 20_000,
  rounds = 3,
} = {}): Promise<DeployedEngineRounds> {
  const all = await runDeployed<DeployedEngineTiming>(['match', String(iterations)], rounds);
  return {
    full: medianBy(all, (r) => r.full.p50Us).full,
    outcomes: medianBy(all, (r) => r.outcomes.p50Us).outcomes,
    rounds: all,
  };
}

/** The growth benchmark (bench/engine.ts) run as deployed. */
export async function benchDeployedGrowth(sizes: readonly number[]): Promise<GrowthPoint[]> {
  return (await runDeployed<GrowthPoint[]>(['growth', ...sizes.map(String)]))[0] as GrowthPoint[];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.log(JSON.stringify(await benchDeployedEngine(), null, 2));
