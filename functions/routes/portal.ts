import {
  PORTAL_SCRIPT,
  PORTAL_SCRIPT_HASH,
  PORTAL_STYLE,
  PORTAL_STYLE_HASH,
} from '../../portal/assets.generated.js';
import type { PortalText } from '../../portal/src/text.js';
import type { CompiledCatalog } from '../../shared/engine/index.js';
import { LANGS, type Lang, messagesFor } from '../../shared/i18n/index.js';
import type { RouteGroup } from '../http/env.js';
import { escapeHtml, jsonForScript } from '../http/html.js';
import { DEFAULT_LANG, isLang } from '../http/lang.js';

// The self-check portal at `/`: an HTML shell in zh (en with ?lang=en), the
// page's script and stylesheet (built from portal/src by portal/build.ts) at
// content-hashed URLs, and the page's strings as JSON for a language switch. The page itself only calls the public API.

export const PORTAL_SCRIPT_PATH = `/portal/portal.${PORTAL_SCRIPT_HASH}.js`;
export const PORTAL_STYLE_PATH = `/portal/portal.${PORTAL_STYLE_HASH}.css`;

// Everything from this origin, nothing inline that executes (the strings ride in
// a JSON <script> block, which is data), no framing, no <base> games.
const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The shell is small and names the current asset hashes: always revalidate it. */
const HTML_CACHE = 'no-cache';
/** Hashed URLs never change content. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Strings change only with a deploy. */
const TEXT_CACHE = 'public, max-age=300';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function portalText(lang: Lang, catalog: CompiledCatalog): PortalText {
  const m = messagesFor(lang);
  const { boolean, designations, headquarters, ownership } = m.engine.options;
  return {
    lang,
    portal: m.portal,
    fields: m.engine.fields,
    options: {
      boolean,
      'listing.status': m.engine.options['listing.status'],
      ownership,
      headquarters,
      designations,
    },
    listSeparator: m.engine.listSeparator,
    subdistricts: catalog.catalog.subdistricts.map((s) => ({ id: s.id, name: s.name[lang] })),
  };
}

export function portalHtml(text: PortalText): string {
  const p = text.portal;
  // Relative asset URLs, so the page also works under an API Gateway stage prefix.
  return `<!doctype html>
<html lang="${text.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(p.title)}</title>
<meta name="description" content="${escapeHtml(p.subtitle)}">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${PORTAL_STYLE_PATH.slice(1)}">
<script src="${PORTAL_SCRIPT_PATH.slice(1)}" defer></script>
</head>
<body>
<div id="root"><p>${escapeHtml(p.loading)}</p><noscript><p>${escapeHtml(p.noScript)}</p></noscript></div>
<script type="application/json" id="portal-text">${jsonForScript(text)}</script>
</body>
</html>
`;
}

export const portalRoutes: RouteGroup = (app, { catalog }) => {
  const texts = Object.fromEntries(LANGS.map((lang) => [lang, portalText(lang, catalog)])) as Record<
    Lang,
    PortalText
  >;
  const pages = Object.fromEntries(LANGS.map((lang) => [lang, portalHtml(texts[lang])])) as Record<
    Lang,
    string
  >;
  const textJson = Object.fromEntries(LANGS.map((lang) => [lang, JSON.stringify(texts[lang])])) as Record<
    Lang,
    string
  >;

  app.get('/', (c) => {
    // zh unless the page itself asked for en (its language switch sets ?lang=):
    // the portal is Chinese first, whatever the browser's Accept-Language says.
    const query = c.req.query('lang');
    const lang: Lang = isLang(query) ? query : DEFAULT_LANG;
    return c.body(pages[lang], 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-language': lang,
      'cache-control': HTML_CACHE,
      'content-security-policy': PORTAL_CSP,
      ...SECURITY_HEADERS,
    });
  });
  app.get('/portal/text.json', (c) =>
    c.body(textJson[c.get('lang')], 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-language': c.get('lang'),
      'cache-control': TEXT_CACHE,
      ...SECURITY_HEADERS,
    }),
  );
  app.get(PORTAL_SCRIPT_PATH, (c) =>
    c.body(PORTAL_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': ASSET_CACHE,
      ...SECURITY_HEADERS,
    }),
  );
  app.get(PORTAL_STYLE_PATH, (c) =>
    c.body(PORTAL_STYLE, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': ASSET_CACHE,
      ...SECURITY_HEADERS,
    }),
  );
};
