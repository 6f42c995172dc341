import { describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

// /docs is a self-written page: HTML from the server, a script that renders
// /openapi.json. No browser is needed to check what the script builds: it only
// uses a handful of DOM calls, which a small fake document provides here.

const { app } = testApp();

class FakeNode {
  parent: FakeElement | undefined;
  get text(): string {
    return '';
  }
}
class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }
  override get text() {
    return this.data;
  }
}
type Listener = (event: { preventDefault(): void }) => void;
class FakeElement extends FakeNode {
  children: FakeNode[] = [];
  attributes = new Map<string, string>();
  listeners = new Map<string, Listener[]>();
  className = '';
  value = '';
  disabled = false;
  hidden = false;
  constructor(readonly tagName: string) {
    super();
  }
  get id() {
    return this.attributes.get('id') ?? '';
  }
  override get text(): string {
    return this.children.map((c) => c.text).join('');
  }
  get textContent() {
    return this.text;
  }
  set textContent(value: string) {
    this.children = [];
    this.append(value);
  }
  append(...nodes: (FakeNode | string)[]) {
    for (const n of nodes) {
      const node = typeof n === 'string' ? new FakeText(n) : n;
      node.parent = this;
      this.children.push(node);
    }
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
    if (name === 'hidden') this.hidden = true;
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  remove() {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
  }
  scrollIntoView() {}
  *descendants(): Generator<FakeElement> {
    for (const c of this.children)
      if (c instanceof FakeElement) {
        yield c;
        yield* c.descendants();
      }
  }
  find(predicate: (e: FakeElement) => boolean): FakeElement | undefined {
    for (const e of this.descendants()) if (predicate(e)) return e;
    return undefined;
  }
}

async function renderDocsPage() {
  const html = await (await app.request('/docs?lang=en')).text();
  const script = await (await app.request('/docs/docs.js')).text();
  const labels = /<script type="application\/json" id="docs-labels">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
  const root = new FakeElement('body');
  const byId = (tag: string, id: string, text = '') => {
    const e = new FakeElement(tag);
    e.setAttribute('id', id);
    if (text) e.textContent = text;
    root.append(e);
    return e;
  };
  byId('script', 'docs-labels', labels);
  byId('select', 'lang').value = 'en';
  const nav = byId('nav', 'nav');
  const operations = byId('section', 'operations');
  const status = new FakeElement('p');
  status.setAttribute('id', 'status');
  operations.append(status);
  const schemas = byId('section', 'schemas');
  const document = {
    title: '',
    createElement: (tag: string) => new FakeElement(tag),
    getElementById: (id: string) => root.find((e) => e.id === id) ?? null,
  };
  const requests: { url: string; init: RequestInit }[] = [];
  const fetchThroughApp = async (url: string, init: RequestInit = {}) => {
    requests.push({ url, init });
    return app.request(`/${url.replace(/^\.?\//, '')}`, init);
  };
  new Function('document', 'Node', 'fetch', 'location', script)(document, FakeNode, fetchThroughApp, {
    hash: '',
  });
  for (let i = 0; i < 20 && root.find((e) => e.id === 'status'); i++)
    await new Promise((r) => setTimeout(r, 5));
  return { nav, operations, schemas, requests, document };
}

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 100 && !until(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('/docs', () => {
  it('is a self-contained page: no external URL, a strict content security policy', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await res.text();
    const script = await (await app.request('/docs/docs.js')).text();
    const style = await (await app.request('/docs/docs.css')).text();
    for (const text of [page, script, style]) expect(text).not.toMatch(/https?:\/\/|src="\/\/|href="\/\//);
    expect(page).toContain('src="docs/docs.js"');
    expect((await app.request('/docs/docs.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('speaks the requested language', async () => {
    expect(await (await app.request('/docs')).text()).toContain('罗湖区惠企政策匹配 API 参考');
    expect(await (await app.request('/docs?lang=en')).text()).toContain(
      'Luohu incentive matching API reference',
    );
  });

  it('renders every operation and schema of /openapi.json', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, object>;
      components: { schemas: object };
    };
    const { nav, operations, schemas, document } = await renderDocsPage();
    expect(operations.find((e) => e.id === 'status')).toBeUndefined();
    expect(document.title).toContain('Luohu');
    for (const [path, methods] of Object.entries(doc.paths))
      for (const method of Object.keys(methods)) {
        const section = operations.find(
          (e) => e.className === 'op' && e.text.includes(path) && e.text.startsWith(method),
        );
        expect(section, `${method} ${path}`).toBeDefined();
        expect(nav.text).toContain(`${method.toUpperCase()} ${path}`);
      }
    for (const name of Object.keys(doc.components.schemas))
      expect(
        schemas.find((e) => e.id === `schema-${name}`),
        name,
      ).toBeDefined();
    const profile = schemas.find((e) => e.id === 'schema-Profile');
    expect(profile?.text).toContain('creditCode');
    expect(profile?.text).toContain('max length 200');
  });

  it('sends a request from the try-it form and shows the answer with its request id', async () => {
    const { operations, requests } = await renderDocsPage();
    const section = operations.find((e) => e.id === 'op-post--v1-match');
    const textarea = section?.find((e) => e.tagName === 'textarea');
    expect(JSON.parse(textarea?.value ?? '')).toHaveProperty('profile');
    const form = section?.find((e) => e.tagName === 'form');
    const output = form?.find((e) => e.tagName === 'pre');
    for (const listener of form?.listeners.get('submit') ?? []) listener({ preventDefault() {} });
    await settle(() => (output?.text ?? '').includes('x-request-id'));
    const sent = requests.at(-1);
    expect(sent?.url).toBe('./v1/match');
    expect(sent?.init.method).toBe('POST');
    expect(sent?.init.body).toBe(textarea?.value);
    expect(output?.text).toMatch(/^200 /);
    expect(output?.text).toMatch(/x-request-id: \S+/);
    expect(output?.text).toContain('"catalogVersion"');
  });

  it('fills path and query parameters from the form', async () => {
    const { operations, requests } = await renderDocsPage();
    const section = operations.find((e) => e.id === 'op-get--v1-policies-id-');
    const inputs = [...(section?.descendants() ?? [])].filter((e) => e.tagName === 'input');
    const byName = (name: string) => inputs.find((e) => e.attributes.get('name') === name) as FakeElement;
    byName('id').value = 'no such/policy';
    byName('lang').value = 'en';
    const form = section?.find((e) => e.tagName === 'form');
    const output = form?.find((e) => e.tagName === 'pre');
    for (const listener of form?.listeners.get('submit') ?? []) listener({ preventDefault() {} });
    await settle(() => (output?.text ?? '').includes('x-request-id'));
    expect(requests.at(-1)?.url).toBe('./v1/policies/no%20such%2Fpolicy?lang=en');
    expect(output?.text).toMatch(/^404 /);
    expect(output?.text).toContain('application/problem+json');
  });
});
