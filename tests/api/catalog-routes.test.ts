import { describe, expect, it } from 'vitest';
import { HealthSchema } from '../../functions/routes/health.js';
import { BuildingsResponseSchema, TracksResponseSchema } from '../../functions/schemas/catalog.js';
import { PoliciesResponseSchema, PolicySchema } from '../../functions/schemas/policy.js';
import { ENGINE_VERSION } from '../../shared/engine/index.js';
import {
  catalog,
  expectLanguage,
  expectProblem,
  LANGS,
  problemTitle,
  TODAY_IN_SHENZHEN,
  testApp,
} from './helpers.js';

const { app } = testApp();

describe('GET /health', () => {
  it('says ok with the catalog and engine versions', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(HealthSchema.parse(await res.json())).toEqual({
      status: 'ok',
      catalogVersion: catalog.version,
      engineVersion: ENGINE_VERSION,
    });
  });
});

describe.each(LANGS)('GET /v1/tracks (%s)', (lang) => {
  it('lists every track of the catalog, named in the requested language', async () => {
    const body = TracksResponseSchema.parse(await (await app.request(`/v1/tracks?lang=${lang}`)).json());
    expect(body.items.map((t) => t.id)).toEqual(catalog.catalog.tracks.map((t) => t.id));
    for (const id of ['headquarters', 'specialized_buildings', 'ai', 'low_altitude'])
      expect(body.items.map((t) => t.id)).toContain(id);
    const ai = body.items.find((t) => t.id === 'ai');
    expect(ai?.name).toBe(catalog.catalog.tracks.find((t) => t.id === 'ai')?.name[lang]);
    for (const t of body.items) expectLanguage(t.name, lang);
  });
});

describe.each(LANGS)('GET /v1/buildings (%s)', (lang) => {
  it('lists buildings with aliases, subdistrict, tracks and a cited source', async () => {
    const body = BuildingsResponseSchema.parse(
      await (await app.request(`/v1/buildings?lang=${lang}`)).json(),
    );
    expect(body.items).toHaveLength(catalog.catalog.buildings.length);
    const t1 = body.items.find((b) => b.id === 'yuehaicheng-t1');
    expect(t1?.nameZh).toBe('粤海城T1');
    expect(t1?.tracks).toContain('low_altitude');
    expect(t1?.source.quote.length).toBeGreaterThan(4);
    expectLanguage(t1?.source.title ?? '', lang);
    const named = body.items.find((b) => b.nameEn && b.subdistrict);
    expect(named, 'a building with an English name and a subdistrict').toBeDefined();
    expect(named?.name).toBe(lang === 'en' ? named?.nameEn : named?.nameZh);
    expectLanguage(named?.subdistrictName ?? '', lang);
  });
});

describe.each(LANGS)('GET /v1/policies (%s)', (lang) => {
  it('lists every clause with its validity on today in Shenzhen by default', async () => {
    const body = PoliciesResponseSchema.parse(await (await app.request(`/v1/policies?lang=${lang}`)).json());
    expect(body.asOf).toBe(TODAY_IN_SHENZHEN);
    expect(body.catalogVersion).toBe(catalog.version);
    expect(body.items).toHaveLength(catalog.catalog.clauses.length);
    for (const p of body.items) {
      expect(p.validity).toBe(
        p.period.from > TODAY_IN_SHENZHEN
          ? 'upcoming'
          : p.period.to < TODAY_IN_SHENZHEN
            ? 'expired'
            : 'in_force',
      );
      expect(p.leadDepartment === null || typeof p.leadDepartment === 'string').toBe(true);
    }
    expectLanguage(body.items[0]?.title ?? '', lang);
  });

  it('filters by track', async () => {
    const body = PoliciesResponseSchema.parse(
      await (await app.request(`/v1/policies?track=low_altitude&lang=${lang}`)).json(),
    );
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThan(catalog.catalog.clauses.length);
    for (const p of body.items) expect(p.tracks).toContain('low_altitude');
  });

  it('judges validity on the asOf it is given', async () => {
    const after = PoliciesResponseSchema.parse(
      await (await app.request(`/v1/policies?asOf=2030-01-01&lang=${lang}`)).json(),
    );
    expect(after.asOf).toBe('2030-01-01');
    expect(after.items.every((p) => p.validity === 'expired')).toBe(true);
    const before = PoliciesResponseSchema.parse(
      await (await app.request(`/v1/policies?asOf=2010-01-01&lang=${lang}`)).json(),
    );
    expect(before.items.every((p) => p.validity === 'upcoming')).toBe(true);
  });

  it('names an unknown track, a bad date, an unknown language and an unknown parameter', async () => {
    const cases = [
      ['track=flying_cars', 'track'],
      ['asOf=2025-02-30', 'asOf'],
      ['asOf=30/06/2025', 'asOf'],
      ['colour=blue', 'colour'],
    ] as const;
    for (const [query, path] of cases) {
      const body = await expectProblem(
        await app.request(`/v1/policies?${query}&lang=${lang}`),
        400,
        'validation-error',
        lang,
      );
      expect(body.errors?.map((e) => e.path)).toEqual([path]);
      expectLanguage(body.errors?.[0]?.message ?? '', lang);
    }
    const badLang = await expectProblem(
      await app.request('/v1/policies?lang=fr', { headers: { 'accept-language': lang } }),
      400,
      'validation-error',
      lang,
    );
    expect(badLang.errors?.map((e) => e.path)).toEqual(['lang']);
  });
});

describe.each(LANGS)('GET /v1/policies/{id} (%s)', (lang) => {
  const id = catalog.catalog.clauses[0]?.id as string;

  it('returns one clause with its verbatim source', async () => {
    const res = await app.request(`/v1/policies/${id}?lang=${lang}&asOf=2025-01-01`);
    expect(res.status).toBe(200);
    const policy = PolicySchema.parse(await res.json());
    expect(policy.id).toBe(id);
    expect(policy.source.quote).toBe(catalog.catalog.clauses[0]?.source.quote);
    expectLanguage(policy.title, lang);
  });

  it('has the id the reference documents as its example', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string; schema: { example?: string } }[] } }>;
    };
    const documented = doc.paths['/v1/policies/{id}']?.get.parameters.find((p) => p.name === 'id')?.schema
      .example;
    expect(documented).toBeDefined();
    expect(catalog.catalog.clauses.map((c) => c.id)).toContain(documented);
  });

  it('answers an unknown id with a 404 problem naming it', async () => {
    for (const unknown of ['no-such-policy', 'x'.repeat(128)]) {
      const body = await expectProblem(
        await app.request(`/v1/policies/${unknown}?lang=${lang}`),
        404,
        'not-found',
        lang,
      );
      expect(body.title).toBe(problemTitle(lang, 'policyNotFound'));
      expect(body.detail).toContain(unknown);
    }
    const cjk = await app.request(`/v1/policies/${encodeURIComponent('无此政策')}?lang=${lang}`);
    expect(cjk.status).toBe(404);
    expect(((await cjk.json()) as { title: string }).title).toBe(problemTitle(lang, 'policyNotFound'));
  });

  it('refuses an over-long id as a validation problem', async () => {
    const body = await expectProblem(
      await app.request(`/v1/policies/${'x'.repeat(129)}?lang=${lang}`),
      400,
      'validation-error',
      lang,
    );
    expect(body.errors?.map((e) => e.path)).toEqual(['id']);
  });
});
