import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { round } from './lib/stats.js';

export interface BatchBench {
  profiles: number;
  workers: number;
  seconds: number;
  profilesPerSecond: number;
}

// Node 20 does not carry tsx's loader (`--import tsx`) into worker threads, so
// each worker registers it itself before importing the TypeScript worker.
const TS_WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(
    `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register();
     await import(${JSON.stringify(new URL('./batch-worker.ts', import.meta.url).href)});`,
  )}`,
);

/** Matches `total` synthetic profiles against the real catalog on every core with worker threads. */
export async function benchBatch(total: number): Promise<BatchBench> {
  const workers = Math.max(1, availableParallelism());
  const share = Math.ceil(total / workers);
  const t0 = process.hrtime.bigint();
  const runs = Array.from(
    { length: workers },
    (_, i) =>
      new Promise<{ count: number }>((resolve, reject) => {
        const w = new Worker(TS_WORKER, { workerData: { count: share, seed: 1000 + i }, execArgv: [] });
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  const done = await Promise.all(runs);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const profiles = done.reduce((a, d) => a + d.count, 0);
  // Wall time includes each worker compiling the catalog once: the honest figure for a batch job.
  return { profiles, workers, seconds: round(seconds, 3), profilesPerSecond: Math.round(profiles / seconds) };
}
