import type { MiddlewareHandler } from 'hono';
import { LANGS, type Lang } from '../../shared/i18n/index.js';
import type { ApiEnv } from './env.js';

export const DEFAULT_LANG: Lang = 'zh';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The preferred supported language of an Accept-Language header (`en-US,en;q=0.9,zh;q=0.8` → en). */
export function langFromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [range = '', ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (!isLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang;
}

/**
 * Sets `lang` from the query string or Accept-Language, so that even a 404 or a
 * 405 speaks the caller's language. A JSON body's own `lang` overrides it later
 * (see json-body.ts); an invalid `lang` falls back and is reported by validation.
 */
export function negotiateLang(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const query = c.req.query('lang');
    c.set(
      'lang',
      isLang(query) ? query : (langFromAcceptLanguage(c.req.header('accept-language')) ?? DEFAULT_LANG),
    );
    await next();
    // The same URL answers in either language: say which, and tell caches it depends on the header.
    if (!c.res.headers.has('content-language')) c.res.headers.set('content-language', c.get('lang'));
    c.res.headers.append('vary', 'Accept-Language');
  };
}
