import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chatMessage,
  defineOwn,
  FULL_PROFILE,
  type Json,
  mutate,
  mutation,
  objectPaths,
  PROTOTYPE_KEYS,
  PROTOTYPE_WORDS,
  pathsOf,
  toJsonText,
  updateAt,
} from './arbitraries.js';
import { ENDPOINTS, expectHandled, expectHealthy, post, postJson, serviceForFile } from './service.js';

// Any JSON a client can send to the three write endpoints ends in a 2xx or a
// 4xx problem. Runs are sized so the file takes seconds: fast-check prints the
// seed and the shrunk body of any failure; keep that body as a fixed example in
// this file, next to the property it broke.

const started = serviceForFile();

describe.each(ENDPOINTS)('POST %s', (endpoint) => {
  it('answers the unmutated valid body with a 2xx', async () => {
    const res = await postJson(started.service, endpoint, started.bodies[endpoint]);
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    await expectHandled(res);
  });

  it('answers any JSON value with a 2xx or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        await expectHandled(await post(started.service, endpoint, { body: JSON.stringify(value) }));
      }),
      { numRuns: endpoint === '/v1/cases' ? 60 : 120 },
    );
    await expectHealthy(started.service);
  });

  it('answers any mutation of a valid body (wrong types, out-of-range numbers, unknown keys, nested junk)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const body = mutations.reduce<Json>((b, m) => mutate(b, m), started.bodies[endpoint]);
        await expectHandled(await post(started.service, endpoint, { body: toJsonText(body) }));
      }),
      { numRuns: endpoint === '/v1/cases' ? 80 : 200 },
    );
    await expectHealthy(started.service);
  });

  it('refuses a prototype key in every object of the body, naming it', async () => {
    const valid = started.bodies[endpoint];
    for (const path of objectPaths(valid))
      for (const key of PROTOTYPE_KEYS) {
        const body = updateAt(valid, path, (old) => {
          const copy = { ...(old as { [key: string]: Json }) };
          defineOwn(copy, key, { polluted: true });
          return copy;
        });
        const res = await post(started.service, endpoint, { body: toJsonText(body) });
        const problem = (await expectHandled(res)) as { errors?: { path: string }[] };
        expect(res.status, `${key} at ${path.join('.')}`).toBe(400);
        expect(problem.errors?.[0]?.path).toContain(key);
      }
    await expectHealthy(started.service);
  });

  it('refuses a prototype key at any depth inside junk, and inside arrays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom(...PROTOTYPE_KEYS),
        fc.jsonValue({ maxDepth: 3 }),
        fc.boolean(),
        async (at, key, value, inArray) => {
          const paths = pathsOf(started.bodies[endpoint]);
          const path = paths[at % paths.length] ?? [];
          const holder: { [key: string]: Json } = {};
          defineOwn(holder, key, value as Json);
          const body = updateAt(started.bodies[endpoint], path, () => (inArray ? [holder] : holder));
          const res = await post(started.service, endpoint, { body: toJsonText(body) });
          await expectHandled(res);
          expect(res.status).toBe(400);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('treats names of Object.prototype members as plain strings in every string field', async () => {
    const valid = started.bodies[endpoint];
    const stringPaths = pathsOf(valid).filter((p) => {
      let v: Json | undefined = valid;
      for (const k of p) v = (v as Record<string | number, Json>)[k];
      // A case stores slowly (DynamoDB writes); its profile is the one /v1/match already covers.
      const covered = endpoint === '/v1/cases' && p[0] === 'profile' && p[1] !== 'building';
      return typeof v === 'string' && !covered;
    });
    for (const path of stringPaths)
      for (const word of PROTOTYPE_WORDS) {
        const res = await post(started.service, endpoint, {
          body: toJsonText(updateAt(valid, path, () => word)),
        });
        await expectHandled(res);
      }
    await expectHealthy(started.service);
  });
});

describe('POST /v1/chat messages', () => {
  it('answers any message, alone or with a profile', async () => {
    await fc.assert(
      fc.asyncProperty(
        chatMessage,
        fc.boolean(),
        fc.constantFrom('zh', 'en'),
        async (message, withProfile, lang) => {
          const body = withProfile ? { message, profile: FULL_PROFILE, lang } : { message, lang };
          await expectHandled(await postJson(started.service, '/v1/chat', body));
        },
      ),
      { numRuns: 120 },
    );
    await expectHealthy(started.service);
  });
});
