import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../functions/http/json-body.js';
import { formatPath } from '../../functions/http/validation.js';
import { MAX_ITEMS, MAX_TEXT } from '../../shared/profile.js';
import { FULL_PROFILE, type Json, oversized, pathsOf, toJsonText, updateAt } from './arbitraries.js';
import { ENDPOINTS, expectHandled, expectHealthy, post, serviceForFile } from './service.js';

// Bodies built to hurt: nesting 10,000 levels deep, values and bodies over the
// limits, bytes that are not UTF-8, media types that are not JSON, headers that
// are not what they claim. Each ends in a 4xx problem (or a 2xx where it is
// fine) and the service answers afterwards.

const started = serviceForFile();

const DEEP = 10_000;
const nested = {
  arrays: `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`,
  objects: `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`,
  mixed: `${'[{"a":'.repeat(DEEP / 2)}1${'}]'.repeat(DEEP / 2)}`,
  unclosed: '['.repeat(DEEP),
  unopened: ']'.repeat(DEEP),
};

describe.each(ENDPOINTS)('POST %s', (endpoint) => {
  it.each(Object.entries(nested))(
    'refuses %s nested 10,000 levels deep at the root with a 400',
    async (_, text) => {
      const res = await post(started.service, endpoint, { body: text });
      await expectHandled(res);
      expect(res.status).toBe(400);
    },
  );

  it.each(Object.entries(nested))(
    'refuses %s nested 10,000 levels deep inside the profile with a 400',
    async (_, text) => {
      const body = toJsonText(
        updateAt(started.bodies[endpoint], ['profile', 'industry'], () => 'DEEP'),
      ).replace('"DEEP"', text);
      const res = await post(started.service, endpoint, { body });
      await expectHandled(res);
      expect(res.status).toBe(400);
    },
  );

  it('refuses a body over the limit with a 413, whatever Content-Length says', async () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES);
    const body = toJsonText(updateAt(started.bodies[endpoint], ['profile', 'name'], () => padding));
    for (const headers of [{}, { 'content-length': '10' }, { 'content-length': 'abc' }] as Record<
      string,
      string
    >[]) {
      const res = await post(started.service, endpoint, { body, headers });
      await expectHandled(res);
      expect(res.status).toBe(413);
    }
    const huge = await post(started.service, endpoint, { body: `[${'"罗湖",'.repeat(200_000)}1]` });
    await expectHandled(huge);
    expect(huge.status).toBe(413);
  });

  it('refuses a string over the text limit in every string field, and an over-long array in every array, naming the field', async () => {
    const valid = started.bodies[endpoint];
    for (const path of pathsOf(valid)) {
      const old = path.reduce<Json | undefined>((v, k) => (v as Record<string | number, Json>)[k], valid);
      const tooLong =
        typeof old === 'string'
          ? 'x'.repeat(MAX_TEXT + 1)
          : Array.isArray(old)
            ? new Array<Json>(MAX_ITEMS + 1).fill(old[0] ?? 0)
            : undefined;
      if (tooLong === undefined) continue;
      const res = await post(started.service, endpoint, {
        body: toJsonText(updateAt(valid, path, () => tooLong)),
      });
      const problem = (await expectHandled(res)) as { errors?: { path: string }[] };
      expect(res.status, formatPath(path)).toBe(400);
      expect(problem.errors?.map((e) => e.path)).toContain(formatPath(path));
    }
  });

  it('answers oversized strings and arrays anywhere with a 2xx or a 4xx problem', async () => {
    const valid = started.bodies[endpoint];
    const leaves = pathsOf(valid).filter((p) => p.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.nat(), oversized, async (at, value) => {
        const path = leaves[at % leaves.length] as (string | number)[];
        await expectHandled(
          await post(started.service, endpoint, { body: toJsonText(updateAt(valid, path, () => value)) }),
        );
      }),
      { numRuns: endpoint === '/v1/cases' ? 30 : 60 },
    );
    await expectHealthy(started.service);
  });

  it('refuses bytes that are not UTF-8 with a 400', async () => {
    const json = new TextEncoder().encode(toJsonText(started.bodies[endpoint]));
    const invalid = [
      Uint8Array.of(0xff, 0xfe, 0x7b, 0x7d),
      Uint8Array.of(0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d), // overlong "/"
      Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22), // an encoded lone surrogate
      Uint8Array.of(...json.slice(0, 20), 0x80, ...json.slice(20)),
      Uint8Array.of(...json.slice(0, -2), 0xe7, 0xbd), // truncated 罗
    ];
    for (const body of invalid) {
      const res = await post(started.service, endpoint, { body });
      await expectHandled(res);
      expect(res.status).toBe(400);
    }
  });

  it('answers any bytes with a 2xx or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (body) => {
        await expectHandled(await post(started.service, endpoint, { body }));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses media types other than JSON with a 415, and answers any Content-Type', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'json',
      '*/*',
    ]) {
      const res = await post(started.service, endpoint, {
        body: toJsonText(started.bodies[endpoint]),
        contentType,
      });
      await expectHandled(res);
      expect(res.status, contentType).toBe(415);
    }
    const missing = await post(started.service, endpoint, {
      body: toJsonText(started.bodies[endpoint]),
      contentType: null,
    });
    await expectHandled(missing);
    expect(missing.status).toBe(415);
    const visibleAscii = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 80,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          visibleAscii,
          visibleAscii.map((s) => `application/json;${s}`),
        ),
        async (contentType) => {
          await expectHandled(
            await post(started.service, endpoint, {
              body: toJsonText(started.bodies[endpoint]),
              contentType,
            }),
          );
        },
      ),
      { numRuns: endpoint === '/v1/cases' ? 30 : 80 },
    );
  });

  it('answers any Accept-Language, ?lang= and Idempotency-Key', async () => {
    const headerText = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 300,
    });
    await fc.assert(
      fc.asyncProperty(headerText, headerText, headerText, async (acceptLanguage, lang, key) => {
        const res = await started.service.app.request(`${endpoint}?lang=${encodeURIComponent(lang)}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'accept-language': acceptLanguage,
            'idempotency-key': key,
          },
          body: toJsonText(started.bodies[endpoint]),
        });
        await expectHandled(res);
      }),
      { numRuns: endpoint === '/v1/cases' ? 30 : 60 },
    );
  });
});

describe('what is not nesting', () => {
  it('does not count brackets inside a string as nesting', async () => {
    const res = await post(started.service, '/v1/chat', {
      // Counted as nesting, these brackets alone would be over the limit.
      body: JSON.stringify({ message: `[{"\\[${'['.repeat(MAX_JSON_DEPTH + 1)}`, profile: FULL_PROFILE }),
    });
    await expectHandled(res);
    expect(res.status).toBe(200);
  });

  it('accepts nesting up to the limit in the body shape and refuses the junk by validation', async () => {
    // The body object and the profile are two levels; arrays fill the rest up to the limit.
    let deep: Json = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 2; i++) deep = [deep];
    const body = toJsonText({ profile: { ...FULL_PROFILE, industry: deep } });
    expect(jsonDepth(body)).toBe(MAX_JSON_DEPTH);
    const res = await post(started.service, '/v1/match', { body });
    const problem = (await expectHandled(res)) as { errors?: { path: string }[] };
    expect(res.status).toBe(400);
    expect(problem.errors?.[0]?.path).toBe('profile.industry');
  });
});

describe('afterwards', () => {
  it('still answers /health and a valid match', async () => {
    await expectHealthy(started.service);
    const res = await post(started.service, '/v1/match', { body: toJsonText(started.bodies['/v1/match']) });
    expect(res.status).toBe(200);
  });
});
