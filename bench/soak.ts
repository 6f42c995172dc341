import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import autocannon, { type RequestSpec } from 'autocannon';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { compileCatalog } from '../shared/engine/index.js';
import type { Profile } from '../shared/profile.js';
import { startLocalService } from './lib/local-service.js';
import { completeProfiles } from './lib/profiles.js';

// A minute of mixed traffic at a steady, moderate rate (a soak, not a throughput test) against the local service, with
// the server's resident memory sampled every few seconds. Growth that stays
// after the load is what to look for; the in-memory dynalite lives in the same
// process, so every case created is also memory the store keeps, by design.

export interface RssSample {
  atSeconds: number;
  rssMb: number;
}

export interface SoakBench {
  seconds: number;
  /** Target request rate over all connections. */
  ratePerSecond: number;
  requests: number;
  requestsPerSecond: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
  byRoute: Record<string, { requests: number; non2xx: number }>;
  casesCreated: number;
  rss: { startMb: number; endMb: number; peakMb: number; samples: RssSample[] };
}

const CHAT_MESSAGES = [
  '我们是做无人机配送的，在粤海城T1，去年营收3000万',
  '我们公司是国家高新技术企业，员工200人，拟上市',
  'We are a Hong Kong fintech company with 50 employees planning to settle in Luohu',
  '珠宝首饰企业，在水贝，年纳税800万',
];

export async function benchSoak({
  seconds = 60,
  ratePerSecond = 50,
  sampleEverySeconds = 5,
  connections = 8,
}: {
  seconds?: number;
  ratePerSecond?: number;
  sampleEverySeconds?: number;
  connections?: number;
} = {}): Promise<SoakBench> {
  const cc = compileCatalog(loadCatalogFromSeeds());
  const profiles = completeProfiles(cc, 50, 7);
  const tracks = cc.catalog.tracks.map((t) => t.id);
  const policyId = cc.catalog.clauses[0]?.id;
  const json = { 'content-type': 'application/json' };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)] as T;
  const profile = () => pick(profiles) as Profile;

  const byRoute: SoakBench['byRoute'] = {};
  const count = (route: string) => (status: number) => {
    byRoute[route] ??= { requests: 0, non2xx: 0 };
    const r = byRoute[route];
    r.requests++;
    if (status < 200 || status >= 300) r.non2xx++;
  };
  // One cycle per connection: mostly reads and matches, one case in ten requests.
  const cycle: RequestSpec[] = [
    { method: 'GET', path: '/health', onResponse: count('health') },
    ...Array.from({ length: 3 }, () => ({
      method: 'POST',
      path: '/v1/match',
      headers: json,
      setupRequest: (req: RequestSpec) => ({
        ...req,
        body: JSON.stringify({ profile: profile(), asOf: '2025-09-01' }),
      }),
      onResponse: count('match'),
    })),
    {
      method: 'POST',
      path: '/v1/chat',
      headers: json,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ message: pick(CHAT_MESSAGES) }) }),
      onResponse: count('chat'),
    },
    {
      method: 'GET',
      path: '/v1/policies',
      setupRequest: (req) => ({
        ...req,
        path: `/v1/policies?track=${pick(tracks)}&lang=${pick(['zh', 'en'])}`,
      }),
      onResponse: count('policies'),
    },
    { method: 'GET', path: `/v1/policies/${policyId}`, onResponse: count('policy') },
    { method: 'GET', path: '/v1/buildings', onResponse: count('buildings') },
    { method: 'GET', path: '/health', onResponse: count('health') },
    {
      method: 'POST',
      path: '/v1/cases',
      setupRequest: (req) => ({
        ...req,
        headers: { ...json, 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          profile: profile(),
          policyIds: [policyId],
          contact: { name: '基准测试联系人' },
        }),
      }),
      onResponse: count('cases'),
    },
  ];

  const service = await startLocalService();
  try {
    const samples: RssSample[] = [{ atSeconds: 0, rssMb: service.rssMb() }];
    const t0 = Date.now();
    const sampler = setInterval(() => {
      samples.push({ atSeconds: Math.round((Date.now() - t0) / 1000), rssMb: service.rssMb() });
    }, sampleEverySeconds * 1000);
    let result: Awaited<ReturnType<typeof autocannon>>;
    try {
      result = await autocannon({
        url: service.url,
        connections,
        duration: seconds,
        overallRate: ratePerSecond,
        timeout: 30,
        requests: cycle,
      });
    } finally {
      clearInterval(sampler);
    }
    samples.push({ atSeconds: Math.round((Date.now() - t0) / 1000), rssMb: service.rssMb() });
    const rss = samples.map((s) => s.rssMb);
    return {
      seconds,
      ratePerSecond,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyP99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      byRoute,
      casesCreated: byRoute.cases ? byRoute.cases.requests - byRoute.cases.non2xx : 0,
      rss: { startMb: rss[0] as number, endMb: rss.at(-1) as number, peakMb: Math.max(...rss), samples },
    };
  } finally {
    await service.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  console.log(JSON.stringify(await benchSoak(quick ? { seconds: 10, sampleEverySeconds: 2 } : {}), null, 2));
}
