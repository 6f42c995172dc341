import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import type { MatchOptions } from '../shared/engine/types.js';
import { bundle } from './lib/bundle.js';
import { round } from './lib/stats.js';

export interface BatchBench {
  profiles: number;
  workers: number;
  detail: NonNullable<MatchOptions['detail']>;
  seconds: number;
  profilesPerSecond: number;
}

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Matches `total` synthetic profiles against the real catalog on every core with
 * worker threads. The worker is bundled as the deployed functions are and run by
 * plain node, as the engine runs when deployed (tsx's per-closure wrappers would slow it down, and
 * Node 20 does not carry tsx's loader into workers anyway).
 */
export async function benchBatch(
  total: number,
  detail: BatchBench['detail'] = 'outcomes',
): Promise<BatchBench> {
  const work = mkdtempSync(join(REPO, 'bench/.batch-'));
  try {
    const { outfile: workerFile } = await bundle(join(REPO, 'bench/batch-worker.ts'), work, 'batch-worker');
    const workers = Math.max(1, availableParallelism());
    // The catalog as the functions get it: validated once (here, as synth does)
    // and handed over as JSON; each worker parses, checks and compiles it
    // inside the timed wall.
    const catalogJson = JSON.stringify(loadCatalogFromSeeds(join(REPO, 'seeds')));
    const share = Math.ceil(total / workers);
    const t0 = process.hrtime.bigint();
    const runs = Array.from(
      { length: workers },
      (_, i) =>
        new Promise<{ count: number }>((resolve, reject) => {
          const w = new Worker(workerFile, {
            workerData: { count: share, seed: 1000 + i, catalogJson, detail },
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    );
    const done = await Promise.all(runs);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const profiles = done.reduce((a, d) => a + d.count, 0);
    // Wall time includes each worker compiling the catalog once: the honest figure for a batch job.
    return {
      profiles,
      workers,
      detail,
      seconds: round(seconds, 3),
      profilesPerSecond: Math.round(profiles / seconds),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
