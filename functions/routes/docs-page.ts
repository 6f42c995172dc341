import type { Lang, Messages } from '../../shared/i18n/index.js';
import { escapeHtml, jsonForScript } from '../http/html.js';

// The /docs page: a small self-written reader of /openapi.json (operations,
// schemas, a try-it form), with no external CDN and no bundled UI library, so
// the Lambda bundle stays small and the page works offline. Everything it shows
// comes from the OpenAPI document, which is generated from the zod schemas.

export interface DocsProblemType {
  slug: string;
  status: number;
  title: string;
}

export function docsHtml(
  labels: Messages['api']['docs'],
  lang: Lang,
  problems: readonly DocsProblemType[],
): string {
  const problemItems = problems
    .map(
      (p) =>
        `<li id="problem-${escapeHtml(p.slug)}"><code>/problems/${escapeHtml(p.slug)}</code> · ${p.status} · ${escapeHtml(p.title)}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(labels.title)}</title>
<link rel="stylesheet" href="docs/docs.css">
</head>
<body>
<header><h1>${escapeHtml(labels.title)}</h1><p>${escapeHtml(labels.intro)}</p>
<p><label>${escapeHtml(labels.language)} <select id="lang"><option value="zh">中文 (zh)</option><option value="en">English (en)</option></select></label></p></header>
<div id="layout">
<nav id="nav"></nav>
<main>
<section id="operations"><h2>${escapeHtml(labels.operations)}</h2><p id="status">${escapeHtml(labels.loading)}</p></section>
<section id="schemas"><h2>${escapeHtml(labels.schemas)}</h2></section>
<section id="problems"><h2>${escapeHtml(labels.problems)}</h2><p>${escapeHtml(labels.problemTypes)}</p><ul>${problemItems}</ul></section>
</main>
</div>
<script type="application/json" id="docs-labels">${jsonForScript({ ...labels, lang })}</script>
<script src="docs/docs.js"></script>
</body>
</html>`;
}

export const DOCS_STYLE = `
:root { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2330; }
body { margin: 0; }
header { padding: 1rem 2rem; background: #0b3d6e; color: #fff; }
header h1 { margin: 0 0 .5rem; font-size: 1.4rem; }
#layout { display: flex; }
nav { width: 16rem; flex: none; padding: 1rem; border-right: 1px solid #dde; position: sticky; top: 0; align-self: flex-start; max-height: 100vh; overflow: auto; font-size: .9rem; }
nav a { display: block; padding: .15rem 0; color: #0b3d6e; text-decoration: none; }
nav h3 { margin: 1rem 0 .3rem; font-size: .8rem; text-transform: uppercase; color: #667; }
main { flex: 1; padding: 1rem 2rem; min-width: 0; }
.op { border: 1px solid #dde; border-radius: 6px; margin: 1rem 0; padding: .5rem 1rem; }
.op h3 { margin: .3rem 0; font-size: 1.05rem; }
.method { display: inline-block; min-width: 4rem; padding: .1rem .4rem; border-radius: 4px; color: #fff; font: bold .8rem monospace; text-align: center; text-transform: uppercase; }
.method.get { background: #2f7d32; } .method.post { background: #1565c0; } .method.patch { background: #ef6c00; } .method.delete { background: #c62828; } .method.put { background: #6a1b9a; }
code, pre, textarea, input { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #eef; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.req { color: #c62828; font-size: .75rem; }
.muted { color: #667; font-size: .85rem; }
textarea { width: 100%; min-height: 8rem; box-sizing: border-box; }
pre { background: #f5f7fa; padding: .6rem; overflow: auto; max-height: 28rem; }
details > summary { cursor: pointer; font-weight: 600; margin: .4rem 0; }
.schema { border-top: 1px solid #dde; padding: .5rem 0; }
button { padding: .3rem 1rem; }
`;

// Plain ES2020, no template literals (this text is itself inside one), DOM built
// with textContent only, so nothing from a response is ever parsed as HTML.
export const DOCS_SCRIPT = String.raw`
(function () {
  'use strict';
  var L = JSON.parse(document.getElementById('docs-labels').textContent);
  var spec = null;
  var langSelect = document.getElementById('lang');
  langSelect.value = L.lang;

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else node.append(child instanceof Node ? child : String(child));
  }
  function refName(ref) { return ref.split('/').pop(); }
  function resolve(s) { return s && s.$ref ? spec.components.schemas[refName(s.$ref)] : s; }
  function joinNodes(nodes, sep) {
    var out = [];
    nodes.forEach(function (n, i) { if (i) out.push(sep); out.push(n); });
    return out;
  }

  function typeOf(s) {
    if (!s || Object.keys(s).length === 0) return 'any';
    if (s.$ref) return el('a', { href: '#schema-' + refName(s.$ref) }, refName(s.$ref));
    var alts = s.anyOf || s.oneOf;
    if (alts) return joinNodes(alts.map(typeOf), ' | ');
    if (s.enum) return s.enum.map(function (v) { return JSON.stringify(v); }).join(' | ');
    if (s.const !== undefined) return JSON.stringify(s.const);
    var types = Array.isArray(s.type) ? s.type : [s.type || (s.properties ? 'object' : 'any')];
    return joinNodes(types.map(function (t) {
      return t === 'array' ? ['array<', typeOf(s.items), '>'] : t;
    }), ' | ');
  }

  function constraints(s) {
    var parts = [];
    [['minimum', '≥ '], ['maximum', '≤ '], ['minLength', 'min length '], ['maxLength', 'max length '],
     ['minItems', 'min items '], ['maxItems', 'max items '], ['format', 'format '], ['pattern', 'pattern ']]
      .forEach(function (c) { if (s[c[0]] !== undefined) parts.push(c[1] + s[c[0]]); });
    if (s.items && s.items.enum) parts.push('items: ' + s.items.enum.join(', '));
    if (s.example !== undefined) parts.push('e.g. ' + JSON.stringify(s.example));
    return parts.join(' · ');
  }

  function propertiesTable(schema) {
    var s = resolve(schema) || {};
    if (!s.properties) return el('p', { class: 'muted' }, typeOf(schema), ' ', constraints(s));
    var required = s.required || [];
    var rows = Object.keys(s.properties).map(function (name) {
      var p = s.properties[name];
      var inline = !p.$ref && p.type === 'object' && p.properties;
      return el('tr', {},
        el('td', {}, el('code', { text: name }), required.indexOf(name) >= 0 ? el('span', { class: 'req', text: ' ' + L.required }) : null),
        el('td', {}, typeOf(p)),
        el('td', {}, p.description || '', ' ', el('span', { class: 'muted', text: constraints(p) }), inline ? propertiesTable(p) : null));
    });
    return el('table', {}, el('tr', {}, el('th', { text: L.name }), el('th', { text: L.type }), el('th', { text: L.description })), rows);
  }

  function bodyExample(op) {
    var media = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
    if (!media) return null;
    var s = resolve(media.schema) || {};
    return JSON.stringify(media.example || s.example || {}, null, 2);
  }

  function tryIt(path, method, op) {
    var params = op.parameters || [];
    var inputs = {};
    var rows = params.map(function (p) {
      var input = el('input', { name: p.name, placeholder: p.schema && p.schema.example !== undefined ? String(p.schema.example) : '' });
      inputs[p.name] = { input: input, where: p.in };
      return el('tr', {}, el('td', {}, el('code', { text: p.name })), el('td', { text: p.in }), el('td', {}, input));
    });
    var example = bodyExample(op);
    var body = example === null ? null : el('textarea', { spellcheck: 'false' });
    if (body) body.value = example;
    var out = el('pre', { hidden: '' });
    var button = el('button', { type: 'submit', text: L.send });
    var form = el('form', {
      onsubmit: function (event) {
        event.preventDefault();
        var url = path.replace(/\{(\w+)\}/g, function (_, name) {
          return encodeURIComponent(inputs[name] ? inputs[name].input.value : '');
        });
        var query = new URLSearchParams();
        Object.keys(inputs).forEach(function (name) {
          if (inputs[name].where === 'query' && inputs[name].input.value !== '') query.set(name, inputs[name].input.value);
        });
        var target = '.' + url + (String(query) ? '?' + query : '');
        var init = { method: method.toUpperCase(), headers: { 'Accept-Language': langSelect.value } };
        if (body) { init.headers['Content-Type'] = 'application/json'; init.body = body.value; }
        button.disabled = true;
        button.textContent = L.sending;
        out.hidden = false;
        out.textContent = '';
        fetch(target, init).then(function (res) {
          return res.text().then(function (text) {
            var pretty = text;
            try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON: show as is */ }
            out.textContent = res.status + ' ' + res.statusText + '\n' +
              'content-type: ' + (res.headers.get('content-type') || '') + '\n' +
              'x-request-id: ' + (res.headers.get('x-request-id') || '') + '\n\n' + pretty;
          });
        }).catch(function (error) {
          out.textContent = String(error);
        }).then(function () {
          button.disabled = false;
          button.textContent = L.send;
        });
      },
    },
      rows.length ? el('table', {}, rows) : null,
      body ? [el('div', { class: 'muted', text: L.requestBody + ' (application/json)' }), body] : null,
      el('p', {}, button),
      el('div', { class: 'muted', text: L.response }), out);
    return el('details', { class: 'try' }, el('summary', { text: L.tryIt }), form);
  }

  function operation(path, method, op) {
    var id = 'op-' + method + '-' + path.replace(/[^\w]+/g, '-');
    var params = (op.parameters || []).map(function (p) {
      return el('tr', {},
        el('td', {}, el('code', { text: p.name }), p.required ? el('span', { class: 'req', text: ' ' + L.required }) : null),
        el('td', { text: p.in }), el('td', {}, typeOf(p.schema)),
        el('td', {}, p.description || (p.schema && p.schema.description) || '', ' ', el('span', { class: 'muted', text: constraints(p.schema || {}) })));
    });
    var body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
    var responses = Object.keys(op.responses || {}).map(function (status) {
      var r = op.responses[status];
      var content = r.content && (r.content['application/json'] || r.content['application/problem+json']);
      return el('tr', {}, el('td', { text: status }), el('td', {}, r.description || ''), el('td', {}, content ? typeOf(content.schema) : ''));
    });
    return el('div', { class: 'op', id: id },
      el('h3', {}, el('span', { class: 'method ' + method, text: method }), ' ', el('code', { text: path }), ' ', op.summary || ''),
      op.description ? el('p', { text: op.description }) : null,
      params.length ? [el('h4', { text: L.parameters }),
        el('table', {}, el('tr', {}, el('th', { text: L.name }), el('th', { text: L.location }), el('th', { text: L.type }), el('th', { text: L.description })), params)] : null,
      body ? [el('h4', { text: L.requestBody }), propertiesTable(body.schema)] : null,
      el('h4', { text: L.responses }),
      el('table', {}, el('tr', {}, el('th', { text: L.status }), el('th', { text: L.description }), el('th', { text: L.type })), responses),
      tryIt(path, method, op));
  }

  function render() {
    var nav = document.getElementById('nav');
    var ops = document.getElementById('operations');
    document.getElementById('status').remove();
    nav.append(el('h3', { text: L.operations }));
    Object.keys(spec.paths).forEach(function (path) {
      Object.keys(spec.paths[path]).forEach(function (method) {
        var op = spec.paths[path][method];
        var section = operation(path, method, op);
        ops.append(section);
        nav.append(el('a', { href: '#' + section.id }, method.toUpperCase() + ' ' + path));
      });
    });
    var schemas = document.getElementById('schemas');
    nav.append(el('h3', { text: L.schemas }));
    Object.keys((spec.components && spec.components.schemas) || {}).sort().forEach(function (name) {
      var s = spec.components.schemas[name];
      schemas.append(el('div', { class: 'schema', id: 'schema-' + name },
        el('h3', {}, el('code', { text: name })), s.description ? el('p', { text: s.description }) : null, propertiesTable(s)));
      nav.append(el('a', { href: '#schema-' + name, text: name }));
    });
    nav.append(el('h3', {}, el('a', { href: '#problems', text: L.problems })));
    if (location.hash) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
    }
  }

  fetch('openapi.json').then(function (res) {
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  }).then(function (doc) {
    spec = doc;
    document.title = (doc.info && doc.info.title) || document.title;
    render();
  }).catch(function (error) {
    document.getElementById('status').textContent = L.loadFailed + error.message;
  });
})();
`;
