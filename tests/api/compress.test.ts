import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES, chooseEncoding } from '../../functions/http/compress.js';
import { postJson, testApp } from './helpers.js';

// Large JSON answers are compressed for clients that ask (Accept-Encoding),
// and only for them; the bytes decompress to exactly the plain answer.

const { app } = testApp();
const body = JSON.parse(
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/match-post.json'), 'utf8'))
    .body,
);

async function match(acceptEncoding?: string) {
  const res = await app.request(
    '/v1/match',
    postJson(body, acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
  );
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('response compression', () => {
  it('sends a large answer brotli-compressed to a client that accepts br, decompressing to the same bytes', async () => {
    const plain = await match();
    const br = await match('gzip, deflate, br');
    expect(plain.res.headers.get('content-encoding')).toBeNull();
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(br.res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(br.res.headers.get('x-request-id')).toBeTruthy();
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 4);
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    for (const { res } of [plain, br]) expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
  });

  it('falls back to gzip when brotli is not accepted', async () => {
    const plain = await match();
    for (const header of ['gzip', 'br;q=0, gzip;q=0.5', 'deflate, gzip']) {
      const gz = await match(header);
      expect(gz.res.headers.get('content-encoding'), header).toBe('gzip');
      expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    }
  });

  it('sends plain bytes when nothing it can make is accepted', async () => {
    for (const header of ['identity', 'deflate', 'br;q=0, gzip;q=0', '']) {
      const { res, bytes } = await match(header);
      expect(res.headers.get('content-encoding'), header).toBeNull();
      expect(() => JSON.parse(bytes.toString('utf8'))).not.toThrow();
    }
  });

  it('leaves small answers, problems included, uncompressed', async () => {
    const health = await app.request('/health', { headers: { 'accept-encoding': 'br' } });
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const problem = await app.request('/v1/match', {
      ...postJson({ profile: { annualRevenueCny: -1 } }, { 'accept-encoding': 'br' }),
    });
    expect(problem.status).toBe(400);
    expect(problem.headers.get('content-encoding')).toBeNull();
    expect(Buffer.byteLength(await problem.text())).toBeLessThan(COMPRESS_MIN_BYTES);
  });

  it.each([
    ['br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['GZIP', 'gzip'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['br;q=0.0', undefined],
    ['identity;q=1', undefined],
    [undefined, undefined],
  ])('reads Accept-Encoding %j as %j', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
