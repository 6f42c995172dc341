import { ENGINE_VERSION } from '../../shared/engine/index.js';
import { messagesFor } from '../../shared/i18n/index.js';
import type { RouteGroup } from '../http/env.js';
import { MAX_BODY_BYTES } from '../http/json-body.js';
import { PROBLEM_TYPES, problemText } from '../http/problem.js';
import { DOCS_SCRIPT, DOCS_STYLE, docsHtml } from './docs-page.js';

// /openapi.json (OpenAPI 3.1, generated from the routes' zod schemas), the /docs
// page that renders it, and /problems/{slug}, where each problem `type` leads.

const OPENAPI_INFO = {
  title: 'Luohu incentive matching API (罗湖区惠企政策匹配)',
  version: ENGINE_VERSION,
  description:
    'Tells a company which of Luohu District’s policy measures it qualifies for, why, and what it is missing. ' +
    'JSON in and out (UTF-8); money in yuan; dates as YYYY-MM-DD; `lang` (zh default, or en) selects the language of every ' +
    'human-readable string, also via Accept-Language. Every error is RFC 9457 `application/problem+json`; every response ' +
    `carries \`x-request-id\`. Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`,
};

// Pages are generated once per process: the document only changes with a deploy.
const CACHE = 'public, max-age=300';

export const docsRoutes: RouteGroup = (app) => {
  let document: unknown;
  app.get('/openapi.json', (c) => {
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      tags: [
        { name: 'Matching', description: 'Match a company profile against the catalog.' },
        { name: 'Catalog', description: 'Policies, tracks and buildings.' },
        { name: 'Service', description: 'Health.' },
      ],
    });
    return c.json(document, 200, { 'cache-control': CACHE });
  });

  app.get('/docs', (c) => {
    const lang = c.get('lang');
    const problems = PROBLEM_TYPES.map((p) => ({
      slug: p.slug,
      status: p.status,
      title: problemText(p.kinds[0], lang).title,
    }));
    return c.html(docsHtml(messagesFor(lang).api.docs, lang, problems), 200, {
      'content-security-policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'content-language': lang,
    });
  });
  app.get('/docs/docs.js', (c) =>
    c.body(DOCS_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': CACHE }),
  );
  app.get('/docs/docs.css', (c) =>
    c.body(DOCS_STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': CACHE }),
  );

  const slugs = new Set(PROBLEM_TYPES.map((p) => p.slug));
  app.get('/problems/:slug', (c) => {
    const slug = c.req.param('slug');
    // Relative, so it also works under an API Gateway stage prefix.
    if (slugs.has(slug)) return c.redirect(`../docs#problem-${slug}`, 302);
    return c.notFound();
  });
};
