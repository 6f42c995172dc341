import { describe, expect, it } from 'vitest';
import { ChatResponseSchema } from '../../functions/schemas/chat.js';
import { match } from '../../shared/engine/index.js';
import {
  catalog,
  expectLanguage,
  expectProblem,
  LANGS,
  postJson,
  TODAY_IN_SHENZHEN,
  testApp,
} from './helpers.js';

// POST /v1/chat through the app: extraction and reply wording are tested with
// the chat modules (tests/chat/); here, what the route adds: merging, matching,
// the contract shape, and errors.

const { app } = testApp();

async function chat(body: unknown, headers: Record<string, string> = {}) {
  const res = await app.request('/v1/chat', postJson(body, headers));
  expect(res.status).toBe(200);
  return ChatResponseSchema.parse(await res.json());
}

const fieldsOf = (extracted: { field: string }[]) => extracted.map((e) => e.field);

describe('POST /v1/chat', () => {
  it('reads a Chinese message into the profile, matches it and replies in a bubble', async () => {
    const message = '我们是做无人机配送的，在粤海城T1，去年营收3000万';
    const body = await chat({ message });
    expect(body.lang).toBe('zh');
    expect(body.asOf).toBe(TODAY_IN_SHENZHEN);
    expect(body.profile.annualRevenueCny).toBe(30_000_000);
    expect(body.profile.industry?.tracks).toContain('low_altitude');
    expect(body.profile.building).toBeDefined();
    expect(fieldsOf(body.extracted)).toEqual(expect.arrayContaining(['annualRevenueCny', 'building']));
    for (const e of body.extracted) expect(message).toContain(e.text);
    expect(Array.from(body.reply).length).toBeLessThanOrEqual(200);
    expectLanguage(body.reply, 'zh');

    const direct = match(catalog, body.profile, { asOf: TODAY_IN_SHENZHEN, lang: 'zh' });
    expect(body.results).toEqual(JSON.parse(JSON.stringify(direct.results)));
    expect(body.nextQuestion).toEqual(direct.nextQuestions[0] ?? null);
  });

  it('reads an English message and answers in English', async () => {
    const body = await chat({
      message: 'We are a drone delivery startup in Yuehaicheng T1 with revenue of 30 million yuan last year',
      lang: 'en',
    });
    expect(body.lang).toBe('en');
    expect(body.profile.annualRevenueCny).toBe(30_000_000);
    expect(Array.from(body.reply).length).toBeLessThanOrEqual(200);
    expectLanguage(body.reply, 'en');
    expectLanguage(body.nextQuestion?.question ?? '', 'en');
  });

  it('merges what the message says into the profile it was given; the message wins', async () => {
    const body = await chat({
      message: '去年营收5000万',
      profile: { annualRevenueCny: 1_000_000, designations: ['high_tech'], registeredInLuohu: true },
    });
    expect(body.profile).toMatchObject({
      annualRevenueCny: 50_000_000,
      designations: ['high_tech'],
      registeredInLuohu: true,
    });
    expect(fieldsOf(body.extracted)).toEqual(['annualRevenueCny']);
  });

  it('returns a profile the next turn can send back as it is', async () => {
    const first = await chat({ message: '我们在粤海城T1，做无人机的' });
    // chat() asserts 200: the returned profile passes the strict request schema.
    const second = await chat({ message: '去年纳税800万', profile: first.profile });
    expect(second.profile).toMatchObject({ ...first.profile, annualTaxCny: 8_000_000 });
  });

  it('returns the profile as the engine understood it, without what it looked up in the catalog', async () => {
    // 京基100 lies in 桂园: the engine fills the subdistrict from the building.
    const first = await chat({ message: '我們在京基100大廈，員工 120 人' });
    expect(first.profile).toEqual({ building: '京基100', subdistrict: '桂园', employees: 120 });
    for (const resolved of ['buildingId', 'buildingName', 'buildingTracks'])
      expect(first.profile).not.toHaveProperty(resolved);
    const again = await app.request('/v1/chat', postJson({ profile: first.profile }));
    expect(again.status).toBe(200);
    expect(ChatResponseSchema.parse(await again.json()).profile).toEqual(first.profile);
  });

  it('extracts nothing from small talk and keeps the profile unchanged', async () => {
    for (const lang of LANGS) {
      const profile = { annualRevenueCny: 2_000_000 };
      const body = await chat({
        message: lang === 'zh' ? '你好，请问怎么用？' : 'Hello, how does this work?',
        profile,
        lang,
      });
      expect(body.extracted).toEqual([]);
      expect(body.profile).toEqual(profile);
      expectLanguage(body.reply, lang);
    }
  });

  it('works without a message: the profile alone is matched', async () => {
    const body = await chat({ profile: { registeredInLuohu: true }, lang: 'en' });
    expect(body.extracted).toEqual([]);
    expect(body.results.length).toBe(catalog.catalog.clauses.length);
  });

  it('normalises Traditional Chinese in the merged profile', async () => {
    const body = await chat({ message: '我們在粵海城T1', profile: { subdistrict: '東門' } });
    expect(body.profile.subdistrict).toBe('东门');
    expect(body.profile.building).not.toMatch(/粵/);
  });
});

describe.each(LANGS)('POST /v1/chat errors (%s)', (lang) => {
  it('names an over-long message, an unknown key and a bad credit code', async () => {
    const cases = [
      [{ message: '营'.repeat(2001), lang }, 'message'],
      [{ message: 'hi', mood: 'happy', lang }, 'mood'],
      [{ profile: { creditCode: '91350100M000100Y44' }, lang }, 'profile.creditCode'],
      [{ message: 42, lang }, 'message'],
    ] as const;
    for (const [body, path] of cases) {
      const problem = await expectProblem(
        await app.request('/v1/chat', postJson(body)),
        400,
        'validation-error',
        lang,
      );
      expect(problem.errors?.map((e) => e.path)).toEqual([path]);
    }
  });

  it('refuses malformed JSON and other media types', async () => {
    await expectProblem(
      await app.request('/v1/chat', postJson('{"message": "hi"', { 'accept-language': lang })),
      400,
      'malformed-json',
      lang,
    );
    const res = await app.request('/v1/chat', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'accept-language': lang },
      body: 'hi',
    });
    await expectProblem(res, 415, 'unsupported-media-type', lang);
  });
});
