import { describe, expect, it } from 'vitest';
import type { RouteGroup } from '../../functions/http/env.js';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../functions/http/json-body.js';
import { apiProblem, PROBLEM_KINDS, type ProblemKind } from '../../functions/http/problem.js';
import { expectProblem, LANGS, postJson, problemTitle, testApp } from './helpers.js';

// Every error path of the API, in zh and en: each is an RFC 9457 problem with a
// request id, and none carries a stack trace or an SDK's text.

const failing: RouteGroup = (app) => {
  app.get('/v1/test/explode', () => {
    const error = new Error(
      'ConditionalCheckFailedException: The conditional request failed (table luohu-cases)',
    );
    error.name = 'ConditionalCheckFailedException';
    throw error;
  });
  app.get('/v1/test/throw-string', () => {
    throw 'a string, not an Error';
  });
  app.get('/v1/test/problem/:kind', (c) => {
    throw apiProblem(c.req.param('kind') as ProblemKind);
  });
};

const { app, logger } = testApp([failing]);

describe.each(LANGS)('error responses (%s)', (lang) => {
  const al = { 'accept-language': lang };

  it('404: an unknown path', async () => {
    const body = await expectProblem(
      await app.request('/v1/nothing-here', { headers: al }),
      404,
      'not-found',
      lang,
    );
    expect(body.title).toBe(problemTitle(lang, 'notFound'));
    expect(body.instance).toBe('/v1/nothing-here');
  });

  it('405: a known path with another method, with Allow', async () => {
    const res = await app.request('/v1/match', { method: 'GET', headers: al });
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
    await expectProblem(res, 405, 'method-not-allowed', lang);

    const put = await app.request('/v1/policies/some-id', { method: 'PUT', headers: al });
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    await expectProblem(put, 405, 'method-not-allowed', lang);

    const del = await app.request('/health', { method: 'DELETE', headers: al });
    await expectProblem(del, 405, 'method-not-allowed', lang);
  });

  it('413: a body over 64 KB, announced by Content-Length, before anything is read', async () => {
    const res = await app.request('/v1/match', {
      method: 'POST',
      headers: { ...al, 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) },
      body: '{}',
    });
    const body = await expectProblem(res, 413, 'payload-too-large', lang);
    expect(body.detail).toContain(String(MAX_BODY_BYTES));
  });

  it('413: a streamed body that turns out larger than 64 KB', async () => {
    const chunk = new TextEncoder().encode(`{"profile":{"name":"${'x'.repeat(40_000)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await app.request('/v1/match', {
      method: 'POST',
      headers: { ...al, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'payload-too-large', lang);
  });

  it('accepts a body just under the limit', async () => {
    const filler = 'x'.repeat(MAX_BODY_BYTES - 200);
    const res = await app.request(
      '/v1/match',
      postJson({ profile: {}, lang, asOf: '2025-01-01', tracks: [], pad: filler }),
    );
    // Under the limit, the body reaches validation, which names the unknown key.
    const body = await expectProblem(res, 400, 'validation-error', lang);
    expect(body.errors?.map((e) => e.path)).toEqual(['pad']);
  });

  it('415: a body that is not JSON, or has no Content-Type', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await app.request('/v1/match', {
        method: 'POST',
        headers: { ...al, 'content-type': contentType },
        body: '{"profile":{}}',
      });
      await expectProblem(res, 415, 'unsupported-media-type', lang);
    }
    const none = await app.request('/v1/match', {
      method: 'POST',
      headers: al,
      body: new TextEncoder().encode('{"profile":{}}'),
    });
    await expectProblem(none, 415, 'unsupported-media-type', lang);
  });

  it('accepts application/json with a charset and +json types', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/vnd.luohu+json']) {
      const res = await app.request('/v1/match', {
        method: 'POST',
        headers: { ...al, 'content-type': contentType },
        body: '{"profile":{}}',
      });
      expect(res.status).toBe(200);
    }
  });

  it('400: malformed JSON, an empty body and invalid UTF-8', async () => {
    for (const text of ['{"profile": ', '{profile: {}}', "{'profile': {}}", '{"profile": {}} trailing']) {
      const body = await expectProblem(
        await app.request('/v1/match', postJson(text, al)),
        400,
        'malformed-json',
        lang,
      );
      expect(body.title).toBe(problemTitle(lang, 'malformedJson'));
    }
    const empty = await expectProblem(
      await app.request('/v1/match', postJson('', al)),
      400,
      'malformed-json',
      lang,
    );
    expect(empty.title).toBe(problemTitle(lang, 'emptyBody'));
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    const res = await app.request('/v1/match', {
      method: 'POST',
      headers: { ...al, 'content-type': 'application/json' },
      body: bytes,
    });
    const bad = await expectProblem(res, 400, 'malformed-json', lang);
    expect(bad.title).toBe(problemTitle(lang, 'invalidEncoding'));
  });

  it('400: __proto__, constructor and prototype keys anywhere, named by path', async () => {
    const cases = [
      ['{"__proto__": {"isAdmin": true}, "profile": {}}', '__proto__'],
      ['{"profile": {"constructor": {"prototype": {"x": 1}}}}', 'profile.constructor'],
      ['{"profile": {"industry": {"tracks": ["ai"], "prototype": 1}}}', 'profile.industry.prototype'],
      ['{"profile": {}, "tracks": [{"__proto__": 1}]}', 'tracks[0].__proto__'],
    ] as const;
    for (const [text, path] of cases) {
      const body = await expectProblem(
        await app.request('/v1/match', postJson(text, al)),
        400,
        'validation-error',
        lang,
      );
      expect(body.errors?.map((e) => e.path)).toEqual([path]);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('400: nesting deeper than the bound, before JSON.parse', async () => {
    const deep = `{"profile": {"name": ${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}}`;
    const body = await expectProblem(
      await app.request('/v1/match', postJson(deep, al)),
      400,
      'malformed-json',
      lang,
    );
    expect(body.title).toBe(problemTitle(lang, 'tooDeep'));
    // Brackets inside strings do not count.
    const inString = await app.request('/v1/match', postJson({ profile: { name: '['.repeat(100) }, lang }));
    expect(inString.status).toBe(200);
  });

  it('500: an unexpected exception is logged with its stack, and the client sees generic text', async () => {
    const before = logger.lines.length;
    const res = await app.request('/v1/test/explode', { headers: al });
    const body = await expectProblem(res, 500, 'internal-error', lang);
    expect(JSON.stringify(body)).not.toMatch(/Conditional|luohu-cases|stack/i);
    expect(body.detail).toContain(body.requestId);
    const logged = logger.lines.slice(before).find((l) => l.level === 'error');
    expect(logged?.requestId).toBe(body.requestId);
    expect(logged?.route).toBe('/v1/test/explode');
    expect(JSON.stringify(logged?.error)).toMatch(/ConditionalCheckFailedException[\s\S]*at /);

    const thrownString = await app.request('/v1/test/throw-string', { headers: al });
    const second = await expectProblem(thrownString, 500, 'internal-error', lang);
    const loggedString = logger.lines.find((l) => l.level === 'error' && l.requestId === second.requestId);
    expect(JSON.stringify(loggedString?.error)).toContain('a string, not an Error');
  });
});

describe('request ids', () => {
  it('keeps a sane incoming x-request-id on every kind of response', async () => {
    const id = 'chatbot-7f3a9c01:turn-2';
    for (const [path, init] of [
      ['/health', {}],
      ['/nope', {}],
      ['/v1/match', { method: 'DELETE' }],
      ['/v1/match', postJson('{')],
      ['/v1/test/explode', {}],
    ] as const) {
      const res = await app.request(path, {
        ...init,
        headers: { ...(init as RequestInit).headers, 'x-request-id': id },
      });
      expect(res.headers.get('x-request-id')).toBe(id);
    }
  });

  it('replaces a missing or unsafe one with a fresh UUID', async () => {
    for (const incoming of [
      undefined,
      'short',
      'a b c d e f g h',
      '<script>alert(1)</script>',
      'x'.repeat(129),
    ]) {
      const res = await app.request('/health', {
        headers: incoming === undefined ? {} : { 'x-request-id': incoming },
      });
      expect(res.headers.get('x-request-id')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});

describe('access logs', () => {
  it('record request id, method, route pattern, status and duration, and no profile contents', async () => {
    const before = logger.lines.length;
    const res = await app.request(
      '/v1/match?lang=en',
      postJson({
        profile: {
          name: '机密科技有限公司',
          creditCode: '91350100M000100Y43',
          annualRevenueCny: 123456789,
          building: '粤海城T1',
        },
      }),
    );
    expect(res.status).toBe(200);
    await app.request('/v1/policies/some-unknown-id');
    const lines = logger.lines.slice(before);
    const text = JSON.stringify(lines);
    for (const secret of ['机密科技', '91350100M000100Y43', '123456789', '粤海城', 'lang=en'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'request',
      method: 'POST',
      route: '/v1/match',
      status: 200,
    });
    expect(lines[0]?.requestId).toBe(res.headers.get('x-request-id'));
    expect(typeof lines[0]?.durationMs).toBe('number');
    expect(lines[1]).toMatchObject({ route: '/v1/policies/:id', status: 404 });
  });
});

describe('HEAD and OPTIONS', () => {
  it('HEAD answers like GET without a body', async () => {
    const res = await app.request('/v1/tracks', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('OPTIONS on a known path lists the allowed methods', async () => {
    const res = await app.request('/v1/match', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
  });
});

describe('problem types', () => {
  it('each type URI leads to its entry on /docs', async () => {
    const res = await app.request('/problems/validation-error');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('../docs#problem-validation-error');
    const docs = await (await app.request('/docs')).text();
    for (const slug of [
      'validation-error',
      'malformed-json',
      'not-found',
      'method-not-allowed',
      'payload-too-large',
      'unsupported-media-type',
      'internal-error',
    ])
      expect(docs).toContain(`id="problem-${slug}"`);
    expect((await app.request('/problems/no-such-type')).status).toBe(404);
  });

  it('every type a problem of any registered kind is answered with leads to its entry on /docs', async () => {
    const docs = await (await app.request('/docs')).text();
    const kinds = Object.keys(PROBLEM_KINDS) as ProblemKind[];
    // The cases routes' kinds are registered too (they are mounted only with a store).
    expect(kinds).toEqual(expect.arrayContaining(['validation', 'caseNotFound', 'storeUnavailable']));
    for (const kind of kinds) {
      const res = await app.request(`/v1/test/problem/${kind}`);
      expect(res.status, kind).toBe(PROBLEM_KINDS[kind].status);
      const { type } = (await res.json()) as { type: string };
      const slug = type.replace(/^\/problems\//, '');
      const followed = await app.request(type);
      expect(followed.status, `${kind}: ${type}`).toBe(302);
      expect(followed.headers.get('location')).toBe(`../docs#problem-${slug}`);
      expect(docs, kind).toContain(`id="problem-${slug}"`);
    }
  });
});
