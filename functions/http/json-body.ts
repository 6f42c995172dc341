import type { MiddlewareHandler } from 'hono';
import { fill, messagesFor } from '../../shared/i18n/index.js';
import type { ApiEnv } from './env.js';
import { isLang } from './lang.js';
import { apiProblem, type ProblemError, validationProblem } from './problem.js';
import { formatPath } from './validation.js';

// Request bodies are read here, before any parsing, within a size limit, and
// parsed strictly: keys that could reach an object's prototype are refused
// wherever they appear, and nesting is bounded before JSON.parse sees the text.

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_JSON_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function isJsonMediaType(contentType: string | undefined): boolean {
  return !!contentType && JSON_MEDIA_TYPE.test(contentType.split(';')[0]?.trim() ?? '');
}

/** The declared Content-Length, if it is a number. */
function declaredLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header);
}

/** Reads at most `limit` bytes; `undefined` when the body is longer (the rest is not read). */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Deepest nesting of arrays and objects in a JSON text, counted without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) max = Math.max(max, ++depth);
    else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return max;
}

/** Path of the first forbidden key in a parsed JSON value, if any. */
export function findForbiddenKey(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return [...path, key];
      const found = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; problem: ProblemError };

/** JSON.parse with bounded nesting and no prototype-polluting keys; problems name what is wrong. */
export function parseStrictJson(text: string, maxDepth = MAX_JSON_DEPTH): StrictJsonResult {
  if (text.trim() === '') return { ok: false, problem: apiProblem('emptyBody') };
  if (jsonDepth(text) > maxDepth) return { ok: false, problem: apiProblem('tooDeep', { max: maxDepth }) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 says "... at position 12"; only that number is passed on, never the engine's text.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return {
      ok: false,
      problem: position ? apiProblem('malformedJsonAt', { position }) : apiProblem('malformedJson'),
    };
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden) {
    const key = String(forbidden.at(-1));
    return {
      ok: false,
      problem: validationProblem((lang) => {
        const t = messagesFor(lang).api.validation;
        return [{ path: formatPath(forbidden), message: fill(t.forbiddenKey, { key }) }];
      }),
    };
  }
  return { ok: true, value };
}

/**
 * Guards a JSON operation: 413 over the limit (from Content-Length before reading,
 * or while reading), 415 for another media type, 400 for bad JSON. On success the
 * request carries the checked text for the zod validator, and a body `lang` sets
 * the response language.
 */
export function jsonBody({
  limit = MAX_BODY_BYTES,
  maxDepth = MAX_JSON_DEPTH,
}: {
  limit?: number;
  maxDepth?: number;
} = {}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const length = declaredLength(c.req.header('content-length'));
    if (length !== undefined && length > limit) throw apiProblem('payloadTooLarge', { limit });
    const contentType = c.req.header('content-type');
    if (contentType !== undefined && !isJsonMediaType(contentType))
      throw apiProblem('unsupportedMediaType', { contentType: contentType.slice(0, 100) });

    const bytes = await readBodyWithin(c.req.raw, limit);
    if (bytes === undefined) throw apiProblem('payloadTooLarge', { limit });
    if (contentType === undefined && bytes.byteLength > 0)
      throw apiProblem('unsupportedMediaType', {
        contentType: messagesFor(c.get('lang')).api.noContentType,
      });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw apiProblem('invalidEncoding');
    }
    const parsed = parseStrictJson(text, maxDepth);
    if (!parsed.ok) throw parsed.problem;
    const bodyLang = (parsed.value as { lang?: unknown } | null)?.lang;
    if (isLang(bodyLang)) c.set('lang', bodyLang);
    // The stream is consumed; the validator reads the same, checked text again.
    const raw = c.req.raw;
    c.req.raw = new Request(raw.url, {
      method: raw.method,
      headers: raw.headers,
      body: text,
      signal: raw.signal,
    });
    await next();
  };
}
