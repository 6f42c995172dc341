import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './env.js';

// Large JSON answers compressed for clients that ask for it. A complete-profile
// match answer is ~500 KB of JSON (every clause with its trace and quote, as
// the contract asks); brotli brings it to ~60 KB for ~5 ms of CPU, which is
// what a phone on a mobile network notices. API Gateway's HTTP APIs do not
// compress, so the function does; the Lambda adapter base64-encodes any
// response with a content-encoding. Clients that send no Accept-Encoding
// (curl without --compressed, load generators) get the plain bytes.

/** Below this, compressing costs more than it saves. */
export const COMPRESS_MIN_BYTES = 8 * 1024;
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\b/i;

type Encoding = 'br' | 'gzip';

/** The coding to use from an Accept-Encoding header: brotli, else gzip, honouring q=0. */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wants = (coding: Encoding) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return undefined;
}

function compress(body: Uint8Array, encoding: Encoding): Uint8Array {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          // Quality 4: about 8.5x smaller for this JSON at ~5 ms per 500 KB; 11 (the default) takes seconds.
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body, { level: 1 });
}

export function compressLargeJson({ minBytes = COMPRESS_MIN_BYTES } = {}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    // Status and headers only: reading `body` would turn @hono/node-server's
    // lightweight response into a full one and take every answer off its fast
    // path (it halved /health's rate), so the body is read only to compress it.
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 304) return;
    if (res.headers.has('content-encoding')) return;
    const contentType = res.headers.get('content-type') ?? '';
    if (!JSON_TYPE.test(contentType)) return;
    // The answer to the same URL depends on the header from here on: caches must know.
    res.headers.append('vary', 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (encoding === undefined) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const compressed = body.length < minBytes ? undefined : compress(body, encoding);
    c.res = new Response(compressed ?? body, {
      status: res.status,
      statusText: res.statusText,
      headers: { 'content-type': contentType },
    });
    // Setting c.res copied the old headers over (content-length included): correct them.
    c.res.headers.delete('content-length');
    if (compressed) c.res.headers.set('content-encoding', encoding);
  };
}
