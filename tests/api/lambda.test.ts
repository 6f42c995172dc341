import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledCatalog, handler } from '../../functions/lambda.js';
import { MatchResponseSchema } from '../../functions/schemas/match.js';
import { PoliciesResponseSchema } from '../../functions/schemas/policy.js';
import { type LambdaData, writeLambdaData } from '../../infra/lambda-data.js';
import { CatalogError, catalogFromJson } from '../../shared/catalog/catalog.js';
import { catalog } from './helpers.js';

// The same app through the Lambda adapter, fed API Gateway HTTP API (payload
// format 2.0) events as API Gateway sends them (tests/api/fixtures/*.json),
// reading the catalog and lexicon from the JSON files a synth writes.

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const event = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as LambdaEvent;

const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'luohu-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:luohu-api',
  memoryLimitInMB: '1024',
  awsRequestId: '8f5d2c1e-1111-4a2b-9c3d-0e1f2a3b4c5d',
  logGroupName: '/aws/lambda/luohu-api',
  logStreamName: '2025/06/30/[$LATEST]abc',
  getRemainingTimeInMillis: () => 10_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
} satisfies Context;

// The data files as infra/app.ts writes them at synth, named by the variables
// the stack sets (the catalog's digest too); the handler reads them on its first event.
const dataDir = mkdtempSync(join(tmpdir(), 'luohu-lambda-data-'));
const DATA_ENV = ['CATALOG_FILE', 'CATALOG_SHA256', 'LEXICON_FILE'] as const;
let data: LambdaData;
beforeAll(() => {
  data = writeLambdaData(dataDir);
  process.env.CATALOG_FILE = data.catalogFile;
  process.env.CATALOG_SHA256 = data.catalogSha256;
  process.env.LEXICON_FILE = data.lexiconFile;
});
afterAll(() => {
  for (const name of DATA_ENV) delete process.env[name];
  rmSync(dataDir, { recursive: true, force: true });
});

// The Lambda's JSON logs go to stdout (CloudWatch); captured here to check them.
const written: string[] = [];
beforeAll(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});
afterAll(() => vi.restoreAllMocks());

async function invoke(name: string | LambdaEvent) {
  const result = await handler(typeof name === 'string' ? event(name) : name, context);
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  return {
    status: result.statusCode,
    headers,
    body,
    json: () => JSON.parse(body) as Record<string, unknown>,
  };
}

describe('Lambda handler (API Gateway HTTP API v2)', () => {
  it('GET /health', async () => {
    const res = await invoke('health-get.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // No x-request-id header came in: API Gateway's request id is used, so its access log and ours correlate.
    const fixture = event('health-get.json') as { requestContext: { requestId: string } };
    expect(res.headers['x-request-id']).toBe(fixture.requestContext.requestId);
    expect(res.json()).toMatchObject({ status: 'ok', catalogVersion: catalog.version });
  });

  it('GET /v1/policies with a query string', async () => {
    const res = await invoke('policies-get-query.json');
    expect(res.status).toBe(200);
    const body = PoliciesResponseSchema.parse(res.json());
    expect(body.asOf).toBe('2025-06-30');
    expect(body.items.length).toBeGreaterThan(0);
    for (const p of body.items) expect(p.tracks).toContain('low_altitude');
    expect(body.items[0]?.title).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('POST /v1/match with a JSON body, keeping the caller’s request id', async () => {
    const res = await invoke('match-post.json');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('chatbot-turn-0001');
    const body = MatchResponseSchema.parse(res.json());
    expect(body.profile.buildingId).toBe('yuehaicheng-t1');
    expect(body.lang).toBe('zh');
  });

  it('POST /v1/match with a base64-encoded body gives the same result', async () => {
    const plain = MatchResponseSchema.parse((await invoke('match-post.json')).json());
    const encoded = await invoke('match-post-base64.json');
    expect(encoded.status).toBe(200);
    const body = MatchResponseSchema.parse(encoded.json());
    expect(body.lang).toBe('en');
    expect(body.results.map((r) => [r.policyId, r.outcome])).toEqual(
      plain.results.map((r) => [r.policyId, r.outcome]),
    );
  });

  it('POST /v1/match answers brotli, base64-encoded, to a client that accepts it', async () => {
    const plain = await invoke('match-post.json');
    const asked = event('match-post.json') as LambdaEvent & { headers: Record<string, string> };
    asked.headers = { ...asked.headers, 'accept-encoding': 'gzip, deflate, br' };
    const result = await handler(asked, context);
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    expect(result.statusCode).toBe(200);
    expect(headers['content-encoding']).toBe('br');
    expect(result.isBase64Encoded).toBe(true);
    const bytes = brotliDecompressSync(Buffer.from(result.body, 'base64'));
    expect(bytes.toString('utf8')).toBe(plain.body);
  });

  it('POST /v1/chat extracts with the bundled lexicon', async () => {
    const chat = event('match-post.json') as LambdaEvent & {
      rawPath: string;
      body: string;
      requestContext: { http: { path: string } };
    };
    chat.rawPath = '/v1/chat';
    chat.requestContext.http.path = '/v1/chat';
    chat.body = JSON.stringify({ message: '我们是做无人机配送的，在粤海城T1', lang: 'zh' });
    const res = await invoke(chat);
    expect(res.status).toBe(200);
    const body = res.json() as { extracted: { field: string; value: unknown }[] };
    expect(body.extracted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'industry.tracks', value: 'low_altitude', text: '无人机配送' }),
        expect.objectContaining({ field: 'building', text: '粤海城T1' }),
      ]),
    );
  });

  it('answers a validation error as a problem naming each field', async () => {
    const res = await invoke('match-post-invalid.json');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const body = res.json() as { errors: { path: string; message: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['profile.annualRevenueCny', 'profile.creditCode']);
  });

  it('answers malformed JSON, a wrong method and an unknown route as problems', async () => {
    const malformed = await invoke('match-post-malformed.json');
    expect([malformed.status, malformed.headers['content-type'], malformed.json().type]).toEqual([
      400,
      'application/problem+json',
      '/problems/malformed-json',
    ]);
    const wrongMethod = await invoke('match-get-wrong-method.json');
    expect([wrongMethod.status, wrongMethod.headers.allow]).toEqual([405, 'OPTIONS, POST']);
    const unknown = await invoke('unknown-route.json');
    expect([unknown.status, unknown.json().title]).toEqual([404, 'Not found']);
    for (const res of [malformed, wrongMethod, unknown]) expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('logs one JSON line per request with id, route, status and duration, without profile contents', async () => {
    written.length = 0;
    const res = await invoke('match-post.json');
    const lines = written
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = lines.find((l) => l.message === 'request');
    expect(access).toMatchObject({
      level: 'info',
      requestId: res.headers['x-request-id'],
      method: 'POST',
      route: '/v1/match',
      status: 200,
    });
    expect(typeof access?.durationMs).toBe('number');
    expect(written.join('')).not.toMatch(/粵海城|30000000|low_altitude/);
  });
});

describe('the bundled chat lexicon', () => {
  it('is read on the first chat request, not at start: a broken one fails chat alone', async () => {
    vi.resetModules();
    const fresh = (await import('../../functions/lambda.js')).handler;
    const file = process.env.LEXICON_FILE;
    process.env.LEXICON_FILE = join(dataDir, 'broken-lexicon.json');
    writeFileSync(process.env.LEXICON_FILE, JSON.stringify({ version: 2 }));
    try {
      const match = await fresh(event('match-post.json'), context);
      expect(match.statusCode).toBe(200);
      const chat = event('match-post.json') as LambdaEvent & { rawPath: string; body: string };
      chat.rawPath = '/v1/chat';
      (chat.requestContext as { http: { path: string } }).http.path = '/v1/chat';
      chat.body = JSON.stringify({ message: '我们在粤海城T1' });
      const failed = await fresh(chat, context);
      expect([failed.statusCode, failed.headers?.['content-type']]).toEqual([
        500,
        'application/problem+json',
      ]);
    } finally {
      process.env.LEXICON_FILE = file;
    }
  });
});

describe('the bundled catalog', () => {
  /** The synth's catalog file with one clause title changed: still valid JSON, still a well-formed catalog. */
  function tamperedCopy(): string {
    const text = readFileSync(data.catalogFile, 'utf8');
    const title = /"title":\{"zh":"([^"]+)"/.exec(text)?.[1] as string;
    const edited = text.replace(title, `${title}（修订）`);
    expect(edited).not.toBe(text);
    const file = join(dataDir, 'tampered.json');
    writeFileSync(file, edited);
    return file;
  }

  it('with the digest taken at synth: loads as the full check would', () => {
    const env = { CATALOG_FILE: data.catalogFile, CATALOG_SHA256: data.catalogSha256 };
    expect(bundledCatalog(env)).toEqual(catalogFromJson(readFileSync(data.catalogFile, 'utf8')));
    expect(Object.isFrozen(bundledCatalog(env).clauses[0]?.criteria)).toBe(true);
  });

  it('refuses a file whose bytes differ from the digest, naming both', () => {
    const env = { CATALOG_FILE: tamperedCopy(), CATALOG_SHA256: data.catalogSha256 };
    expect(() => bundledCatalog(env)).toThrow(CatalogError);
    expect(() => bundledCatalog(env)).toThrow(
      new RegExp(`digest recorded at synth[\\s\\S]*${data.catalogSha256}, file has [0-9a-f]{64}`),
    );
  });

  it('without a digest, refuses the same file by the full check (its content no longer hashes to its version)', () => {
    expect(() => bundledCatalog({ CATALOG_FILE: tamperedCopy() })).toThrow(/does not match its version/);
    expect(bundledCatalog({ CATALOG_FILE: data.catalogFile }).version).toBe(catalog.version);
  });

  it('a tampered file fails every event loudly: the handler answers nothing from it', async () => {
    vi.resetModules();
    const fresh = (await import('../../functions/lambda.js')).handler;
    const file = process.env.CATALOG_FILE;
    process.env.CATALOG_FILE = tamperedCopy();
    try {
      // A fresh module graph has its own CatalogError class: matched by message.
      for (const name of ['health-get.json', 'match-post.json'])
        await expect(async () => fresh(event(name), context)).rejects.toThrow(/does not match the digest/);
    } finally {
      process.env.CATALOG_FILE = file;
    }
  });
});
