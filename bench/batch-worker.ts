import { parentPort, workerData } from 'node:worker_threads';
import { catalogFromJson } from '../shared/catalog/catalog.js';
import { compileCatalog, match } from '../shared/engine/index.js';
import type { MatchOptions } from '../shared/engine/types.js';
import { completeProfiles } from './lib/profiles.js';

// One batch worker: checks and compiles the catalog once, matches its share of profiles.
const { count, seed, catalogJson, detail } = workerData as {
  count: number;
  seed: number;
  catalogJson: string;
  detail: MatchOptions['detail'];
};
const cc = compileCatalog(catalogFromJson(catalogJson));
const profiles = completeProfiles(cc, 1000, seed);
const t0 = process.hrtime.bigint();
let eligible = 0;
for (let i = 0; i < count; i++) {
  const r = match(cc, profiles[i % profiles.length] as (typeof profiles)[number], {
    asOf: '2025-09-01',
    lang: 'zh',
    detail,
  });
  eligible += r.counts.eligible;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
parentPort?.postMessage({ count, seconds, eligible });
