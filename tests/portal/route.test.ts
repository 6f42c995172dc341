import { describe, expect, it } from 'vitest';
import {
  PORTAL_SCRIPT_PATH,
  PORTAL_STYLE_PATH,
  portalHtml,
  portalText,
} from '../../functions/routes/portal.js';
import { PORTAL_SCRIPT, PORTAL_STYLE } from '../../portal/assets.generated.js';
import { messagesFor } from '../../shared/i18n/index.js';
import { catalog, testApp } from '../api/helpers.js';

// GET / and the portal's assets, in-process (no browser): content types, cache
// headers, the Content-Security-Policy, and strings from the shared tables.

const { app } = testApp();

function assetUrls(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(portal\/[^"]+)"/g)].map((m) => `/${m[1]}`);
}

function embeddedText(html: string): unknown {
  const m = /<script type="application\/json" id="portal-text">(.*?)<\/script>/s.exec(html);
  if (!m?.[1]) throw new Error('no embedded text');
  return JSON.parse(m[1]);
}

describe('GET /', () => {
  it('serves the page in Chinese, whatever Accept-Language says, with a strict CSP', async () => {
    const res = await app.request('/', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-language')).toBe('zh');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = (res.headers.get('content-security-policy') ?? '').split(/;\s*/);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp.join(';')).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain(`<title>${messagesFor('zh').portal.title}</title>`);
    // The only inline script is data (not executable), so the CSP needs no exception.
    expect(
      [...html.matchAll(/<script(?![^>]*type="application\/json")[^>]*>/g)].every((m) => / src="/.test(m[0])),
    ).toBe(true);
    expect(html).not.toMatch(/ style="| on[a-z]+="/);
  });

  it('serves English with ?lang=en, and falls back to Chinese for an unknown lang', async () => {
    const en = await (await app.request('/?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(embeddedText(en)).toEqual(portalText('en', catalog));
    const fallback = await app.request('/?lang=fr');
    expect(fallback.status).toBe(200);
    expect(embeddedText(await fallback.text())).toEqual(portalText('zh', catalog));
  });

  it('embeds the strings of shared/i18n (portal, and the engine’s field and option labels), not a copy', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = embeddedText(await (await app.request(`/?lang=${lang}`)).text()) as ReturnType<
        typeof portalText
      >;
      const m = messagesFor(lang);
      expect(text.portal).toEqual(m.portal);
      expect(text.options.designations).toEqual(m.engine.options.designations);
      expect(text.options['listing.status']).toEqual(m.engine.options['listing.status']);
      expect(text.fields).toEqual(m.engine.fields);
      expect(text.subdistricts.map((s) => s.id)).toEqual(catalog.catalog.subdistricts.map((s) => s.id));
    }
  });

  it('links only assets it serves, with their content types and an immutable cache', async () => {
    const html = await (await app.request('/')).text();
    const urls = assetUrls(html);
    expect(urls.sort()).toEqual([PORTAL_SCRIPT_PATH, PORTAL_STYLE_PATH].sort());
    const script = await app.request(PORTAL_SCRIPT_PATH);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(PORTAL_SCRIPT);
    const style = await app.request(PORTAL_STYLE_PATH);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await style.text()).toBe(PORTAL_STYLE);
  });

  it('answers an asset URL with another hash with a 404 problem, not a stale file', async () => {
    const res = await app.request('/portal/portal.0000000000000000.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('serves the strings for a language switch as JSON', async () => {
    const res = await app.request('/portal/text.json?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await res.json()).toEqual(portalText('en', catalog));
  });

  it('keeps the embedded strings inside their script block', () => {
    const text = portalText('zh', catalog);
    const hostile = { ...text, portal: { ...text.portal, title: '</script><script>alert(1)</script>' } };
    const html = portalHtml(hostile);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('<title>&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>');
    expect((embeddedText(html) as typeof text).portal.title).toBe(hostile.portal.title);
  });
});
