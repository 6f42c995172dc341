import { describe, expect, it } from 'vitest';
import { MatchResponseSchema } from '../../functions/schemas/match.js';
import { match, normalizeProfile } from '../../shared/engine/index.js';
import type { Profile } from '../../shared/profile.js';
import {
  catalog,
  expectLanguage,
  expectProblem,
  LANGS,
  postJson,
  TODAY_IN_SHENZHEN,
  testApp,
} from './helpers.js';

const { app } = testApp();

async function matchOk(body: unknown, headers: Record<string, string> = {}, query = '') {
  const res = await app.request(`/v1/match${query}`, postJson(body, headers));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return MatchResponseSchema.parse(await res.json());
}

const OUTCOME_ORDER = { eligible: 0, needs_info: 1, ineligible: 2 } as const;

describe.each(LANGS)('POST /v1/match (%s)', (lang) => {
  it('answers exactly what the engine answers for the normalised profile', async () => {
    const profile: Profile = {
      registeredInLuohu: true,
      industry: { tracks: ['low_altitude'] },
      building: '粤海城T1',
      annualRevenueCny: 30_000_000,
    };
    const body = await matchOk({ profile, lang, asOf: '2025-06-30' });
    const direct = match(catalog, normalizeProfile(profile), { asOf: '2025-06-30', lang });
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(body.catalogVersion).toBe(catalog.version);
    expect(body.results.length).toBe(catalog.catalog.clauses.length);
    expectLanguage(body.results[0]?.title ?? '', lang);
  });

  it('orders results eligible, needs_info, ineligible', async () => {
    const body = await matchOk({
      profile: { registeredInLuohu: true, annualRevenueCny: 5e8, designations: ['high_tech'] },
      lang,
    });
    const ranks = body.results.map((r) => OUTCOME_ORDER[r.outcome]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('matches on today in Shenzhen when asOf is not given', async () => {
    expect((await matchOk({ profile: {}, lang })).asOf).toBe(TODAY_IN_SHENZHEN);
  });

  it('treats an empty profile as all unknown and asks questions (their order is the engine’s)', async () => {
    const body = await matchOk({ profile: {}, lang });
    expect(body.counts.eligible).toBe(0);
    expect(body.nextQuestions.length).toBeGreaterThan(0);
    expectLanguage(body.nextQuestions[0]?.question ?? '', lang);
  });

  it('normalises Traditional Chinese, full-width characters and stray spaces before matching', async () => {
    const body = await matchOk({
      profile: {
        building: ' 粵海城 T1 ',
        subdistrict: '東門',
        creditCode: '９１３５０１００ｍ０００１００ｙ４３',
        industry: { code: 'ｉ６５' },
      },
      lang,
    });
    expect(body.profile.buildingId).toBe('yuehaicheng-t1');
    expect(body.profile.subdistrict).toBe('东门');
    expect(body.profile.creditCode).toBe('91350100M000100Y43');
    expect(body.profile.industry?.code).toBe('I65');
    expect(body.warnings).toEqual([]);
  });

  it('warns about a building it cannot resolve instead of failing', async () => {
    const body = await matchOk({ profile: { building: '不存在的大厦' }, lang });
    expect(body.warnings.some((w) => w.field.endsWith('building'))).toBe(true);
    expectLanguage(body.warnings[0]?.message.replace('不存在的大厦', '') ?? '', lang);
  });

  it('only evaluates clauses of the requested tracks', async () => {
    const body = await matchOk({ profile: {}, tracks: ['low_altitude', 'ai'], lang });
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect(r.tracks.some((t) => t === 'low_altitude' || t === 'ai')).toBe(true);
  });

  it('names each invalid field, with messages in the requested language', async () => {
    const res = await app.request(
      '/v1/match',
      postJson({
        profile: {
          annualRevenueCny: -1,
          employees: 2.5,
          listing: { status: 'famous' },
          designations: ['high_tech', 'royal'],
          extra: true,
        },
        tracks: ['ai', 'time_travel'],
        surprise: 1,
        lang,
      }),
    );
    const body = await expectProblem(res, 400, 'validation-error', lang);
    const paths = body.errors?.map((e) => e.path).sort();
    expect(paths).toEqual(
      [
        'profile.annualRevenueCny',
        'profile.employees',
        'profile.listing.status',
        'profile.designations[1]',
        'profile.extra',
        'surprise',
      ].sort(),
    );
    for (const e of body.errors ?? []) expectLanguage(e.message.replace(/profile\.extra|surprise/, ''), lang);
  });

  it('refuses an unknown track in the filter, naming its index', async () => {
    const body = await expectProblem(
      await app.request('/v1/match', postJson({ profile: {}, tracks: ['ai', 'time_travel'], lang })),
      400,
      'validation-error',
      lang,
    );
    expect(body.errors?.map((e) => e.path)).toEqual(['tracks[1]']);
  });

  it('requires the profile and an object body', async () => {
    const missing = await expectProblem(
      await app.request('/v1/match', postJson({ lang })),
      400,
      'validation-error',
      lang,
    );
    expect(missing.errors?.map((e) => e.path)).toEqual(['profile']);
    for (const body of ['[]', '"profile"', '42', 'null']) {
      const res = await app.request('/v1/match', postJson(body, { 'accept-language': lang }));
      const problem = await expectProblem(res, 400, 'validation-error', lang);
      expect(problem.errors?.map((e) => e.path)).toEqual(['']);
    }
  });

  it('enforces the bounds: name ≤ 200 characters, arrays ≤ 100 items', async () => {
    const ok = await matchOk({ profile: { name: '深'.repeat(200) }, lang });
    expect(ok.profile.name).toHaveLength(200);
    const tooLong = await expectProblem(
      await app.request('/v1/match', postJson({ profile: { name: '深'.repeat(201) }, lang })),
      400,
      'validation-error',
      lang,
    );
    expect(tooLong.errors?.map((e) => e.path)).toEqual(['profile.name']);
    const many = Array.from({ length: 101 }, () => 'high_tech');
    const tooMany = await expectProblem(
      await app.request('/v1/match', postJson({ profile: { designations: many }, lang })),
      400,
      'validation-error',
      lang,
    );
    expect(tooMany.errors?.map((e) => e.path)).toEqual(['profile.designations']);
    const tracks = Array.from({ length: 101 }, () => 'ai');
    const tooManyTracks = await expectProblem(
      await app.request('/v1/match', postJson({ profile: {}, tracks, lang })),
      400,
      'validation-error',
      lang,
    );
    expect(tooManyTracks.errors?.map((e) => e.path)).toEqual(['tracks']);
  });

  it('checks the credit code (GB 32100-2015) and names profile.creditCode', async () => {
    for (const creditCode of [
      '91350100M000100Y44',
      '91350100M000100Y4',
      '91350100M000100YI3',
      'not a code',
    ]) {
      const body = await expectProblem(
        await app.request('/v1/match', postJson({ profile: { creditCode }, lang })),
        400,
        'validation-error',
        lang,
      );
      expect(body.errors?.map((e) => e.path)).toEqual(['profile.creditCode']);
      expectLanguage(body.errors?.[0]?.message ?? '', lang);
    }
  });
});

describe('the response language', () => {
  const titleOf = async (init: { body?: object; query?: string; acceptLanguage?: string }) => {
    const headers: Record<string, string> = init.acceptLanguage
      ? { 'accept-language': init.acceptLanguage }
      : {};
    return (await matchOk({ profile: {}, ...init.body }, headers, init.query ?? '')).lang;
  };

  it('is zh by default', async () => {
    expect(await titleOf({})).toBe('zh');
  });
  it('is named in Content-Language, and responses vary by Accept-Language', async () => {
    const res = await app.request('/v1/match?lang=en', postJson({ profile: {} }));
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('vary')).toContain('Accept-Language');
    const zh = await app.request('/v1/tracks', { headers: { 'accept-language': 'zh-CN' } });
    expect(zh.headers.get('content-language')).toBe('zh');
  });
  it('follows Accept-Language', async () => {
    expect(await titleOf({ acceptLanguage: 'en-US,en;q=0.9' })).toBe('en');
    expect(await titleOf({ acceptLanguage: 'fr-FR, en;q=0.5, zh-CN;q=0.8' })).toBe('zh');
  });
  it('prefers the lang query parameter over Accept-Language', async () => {
    expect(await titleOf({ query: '?lang=en', acceptLanguage: 'zh-CN' })).toBe('en');
  });
  it('prefers the body lang over the query parameter', async () => {
    expect(await titleOf({ body: { lang: 'zh' }, query: '?lang=en', acceptLanguage: 'en' })).toBe('zh');
  });
});

describe('POST /v1/match with detail: outcomes', () => {
  it('decides as the full answer does, without the per-criterion trace', async () => {
    const profile = { industry: { tracks: ['ai'] }, building: '润弘大厦', annualRevenueCny: 3e7 };
    const full = await matchOk({ profile, asOf: '2025-09-01' });
    const lean = await matchOk({ profile, asOf: '2025-09-01', detail: 'outcomes' });
    expect(lean.results.map((r) => [r.policyId, r.outcome])).toEqual(
      full.results.map((r) => [r.policyId, r.outcome]),
    );
    expect(lean.results.every((r) => r.criteria.length === 0)).toBe(true);
    expect(full.results.some((r) => r.criteria.length > 0)).toBe(true);
    expect(lean.nextQuestions).toEqual([]);
  });

  it('rejects an unknown detail level naming the field', async () => {
    const res = await app.request('/v1/match', postJson({ profile: {}, detail: 'some' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toContain('detail');
  });
});
