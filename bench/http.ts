import { request } from 'node:http';
import { pathToFileURL } from 'node:url';
import autocannon, { type Options, type Result } from 'autocannon';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { compileCatalog } from '../shared/engine/index.js';
import type { Profile } from '../shared/profile.js';
import { startLocalService } from './lib/local-service.js';
import { completeProfiles } from './lib/profiles.js';
import { round } from './lib/stats.js';

// POST /v1/match with a complete profile against GET /health, on the same
// server in one run: the difference is what matching costs over HTTP (routing,
// body limits, zod, the engine, the JSON answer) above the bare framework.

export const MATCH_TO_HEALTH_TARGET = 0.5;

export interface RouteLoad {
  route: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  responseBytesPerSecond: number;
  /**
   * Server CPU time per request (user + system, ms), from the server process's
   * own counters: what a request costs the service, whatever limits the client.
   */
  serverCpuMsPerRequest: number | undefined;
  /** Share of the run the server's CPU was busy (1 = one core saturated). */
  serverBusy: number | undefined;
}

export interface HttpBench {
  url: string;
  secondsPerRoute: number;
  connections: number;
  health: RouteLoad;
  match: RouteLoad;
  /** The same match with `detail: 'outcomes'` (no per-criterion trace). */
  matchOutcomes: RouteLoad;
  /** Match requests per second over health's. */
  ratio: number;
  /** Bytes of one /v1/match answer for the benchmark profile. */
  matchResponseBytes: number;
  /** The same answer's bytes for a client that sends Accept-Encoding: br (autocannon sends none). */
  matchResponseBrotliBytes: number;
}

function summary(route: string, r: Result, cpuMs: number | undefined): RouteLoad {
  return {
    route,
    requestsPerSecond: Math.round(r.requests.average),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    responseBytesPerSecond: Math.round(r.throughput.average),
    serverCpuMsPerRequest: cpuMs === undefined ? undefined : round(cpuMs / Math.max(1, r.requests.total), 3),
    serverBusy: cpuMs === undefined ? undefined : round(cpuMs / (r.duration * 1000), 2),
  };
}

/** Bytes of a POST answer as sent, without decompressing. */
function wireBytes(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve(bytes));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchHttp({
  seconds = 10,
  connections = 10,
  profile,
}: {
  seconds?: number;
  connections?: number;
  profile?: Profile;
} = {}): Promise<HttpBench> {
  const matchProfile = profile ?? (completeProfiles(compileCatalog(loadCatalogFromSeeds()), 1)[0] as Profile);
  const service = await startLocalService();
  try {
    const health: Options = { url: `${service.url}/health`, connections, timeout: 10 };
    const matchBody = JSON.stringify({ profile: matchProfile, asOf: '2025-09-01', lang: 'zh' });
    const match: Options = {
      url: `${service.url}/v1/match`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: matchBody,
      connections,
      timeout: 10,
    };
    const probe = await fetch(match.url, { method: 'POST', headers: match.headers ?? {}, body: matchBody });
    if (probe.status !== 200)
      throw new Error(`POST /v1/match answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
    const matchResponseBytes = (await probe.arrayBuffer()).byteLength;
    // fetch would decompress; node:http reports the bytes on the wire.
    const matchResponseBrotliBytes = await wireBytes(match.url, matchBody, { 'accept-encoding': 'br' });
    const lean: Options = {
      ...match,
      body: JSON.stringify({ profile: matchProfile, asOf: '2025-09-01', lang: 'zh', detail: 'outcomes' }),
    };

    // Warm-up (JIT, caches) for both, then the measured runs back to back.
    const warm = Math.max(1, Math.round(seconds / 5));
    await autocannon({ ...health, duration: warm });
    await autocannon({ ...match, duration: warm });
    const measured = async (route: string, options: Options) => {
      const before = service.cpuMs();
      const result = await autocannon({ ...options, duration: seconds });
      const after = service.cpuMs();
      return summary(route, result, before === undefined || after === undefined ? undefined : after - before);
    };
    const h = await measured('GET /health', health);
    const m = await measured('POST /v1/match', match);
    await autocannon({ ...lean, duration: warm });
    const o = await measured('POST /v1/match (detail: outcomes)', lean);
    return {
      url: service.url,
      secondsPerRoute: seconds,
      connections,
      health: h,
      match: m,
      matchOutcomes: o,
      ratio: round(m.requestsPerSecond / Math.max(1, h.requestsPerSecond), 3),
      matchResponseBytes,
      matchResponseBrotliBytes,
    };
  } finally {
    await service.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchHttp({ seconds: 5 }), null, 2));
}
