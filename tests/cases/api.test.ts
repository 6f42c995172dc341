import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK_DEPARTMENT } from '../../shared/cases/routing.js';
import { buildCatalog } from '../../shared/catalog/catalog.js';
import { compileCatalog, match } from '../../shared/engine/index.js';
import { gunzipJson, gzipJson } from '../../shared/store/codec.js';
import { documentClient } from '../../shared/store/dynamodb.js';
import { bearer, type CasesHarness, json, newKey, startCasesHarness } from './harness.js';

// /v1/cases over HTTP (in-process) on a real dynalite store.

let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** A measure with a lead department that an empty profile leaves needs_info: cases choosing it go there. */
function ledMeasure(except?: string) {
  const m = match(h.catalog, {}, { asOf: '2025-06-30', lang: 'zh' });
  const result = m.results.find(
    (r) => r.outcome === 'needs_info' && r.leadDepartment && r.leadDepartment !== except,
  );
  if (!result?.leadDepartment) throw new Error('no led measure in the seed catalog');
  return { policyId: result.policyId, department: result.leadDepartment };
}

const request = (overrides: Record<string, unknown> = {}) => ({
  profile: { name: `测试公司-${randomUUID().slice(0, 8)}` },
  contact: { name: '王经理', email: 'wang@example.com' },
  note: '想申请',
  ...overrides,
});

async function createCase(body = request(), key = newKey()) {
  const res = await h.app.request('/v1/cases', json(body, { 'idempotency-key': key }));
  expect(res.status).toBe(201);
  return (await res.json()) as {
    id: string;
    accessToken: string;
    department: string;
    version: number;
  } & Record<string, unknown>;
}

const patch = (id: string, body: unknown, headers: Record<string, string>) =>
  h.app.request(`/v1/cases/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('creating a case', () => {
  it('stores profile, chosen measures, contact, note and the match, routed to the lead of the chosen measure', async () => {
    const { policyId, department } = ledMeasure();
    const res = await h.app.request(
      '/v1/cases',
      json(request({ policyIds: [policyId] }), { 'idempotency-key': newKey() }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as {
      id: string;
      accessToken: string;
      match: { results: { policyId: string }[] };
      history: unknown[];
    } & Record<string, unknown>;
    expect(res.headers.get('location')).toBe(`/v1/cases/${created.id}`);
    expect(created).toMatchObject({
      status: 'new',
      statusLabel: '新建',
      department,
      policyIds: [policyId],
      version: 1,
    });
    expect(created.contact).toEqual({ name: '王经理', email: 'wang@example.com' });
    expect(created.note).toBe('想申请');
    expect(created.accessToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created).not.toHaveProperty('accessTokenHash');
    expect(created.match).toMatchObject({
      catalogVersion: h.catalog.version,
      asOf: '2025-06-30',
      lang: 'zh',
    });
    expect(created.match.results.map((r) => r.policyId)).toContain(policyId);
    expect(created.history).toEqual([
      expect.objectContaining({ seq: 1, from: null, to: 'new', note: '想申请', by: { role: 'company' } }),
    ]);
  });

  it('sends a case whose chosen measures name no lead, or do not fit, to 区企业服务中心', async () => {
    const profile = { registeredInLuohu: false, relocating: false };
    const results = match(h.catalog, profile, { asOf: '2025-06-30', lang: 'zh' }).results;
    const unled = results.find((r) => r.outcome !== 'ineligible' && !r.leadDepartment);
    const unfit = results.find((r) => r.outcome === 'ineligible' && r.leadDepartment);
    if (!unled || !unfit) throw new Error('the seed catalog lacks the measures this test needs');
    for (const policyId of [unled.policyId, unfit.policyId]) {
      const created = await createCase(request({ profile, policyIds: [policyId] }));
      expect(created.department).toBe(FALLBACK_DEPARTMENT);
    }
  });

  it('stores the access token only as a hash', async () => {
    const created = await createCase();
    const item = await documentClient(h.store.client).send(
      new GetCommand({ TableName: h.store.tableName, Key: { pk: `CASE#${created.id}`, sk: 'CASE' } }),
    );
    expect(JSON.stringify(item.Item)).not.toContain(created.accessToken);
    expect(item.Item?.accessTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses measures the catalog does not have, naming each', async () => {
    const res = await h.app.request(
      '/v1/cases',
      json(request({ policyIds: [ledMeasure().policyId, 'no-such-measure'] }), {
        'idempotency-key': newKey(),
      }),
    );
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['policyIds[1]']);
  });

  it('refuses a request without contact, naming the field', async () => {
    const res = await h.app.request('/v1/cases', json({ profile: {} }, { 'idempotency-key': newKey() }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain('contact');
  });

  it('needs an Idempotency-Key, and one long enough to be unguessable', async () => {
    for (const headers of [{}, { 'idempotency-key': 'too-short' }] as Record<string, string>[]) {
      const res = await h.app.request('/v1/cases', json(request(), headers));
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string }[] };
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    }
  });
});

describe('Idempotency-Key', () => {
  it('returns the same case, with the same access token, to a retry with the same body', async () => {
    const key = newKey();
    const body = request();
    const first = await createCase(body, key);
    const res = await h.app.request('/v1/cases', json(body, { 'idempotency-key': key }));
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    const again = (await res.json()) as typeof first;
    expect(again).toEqual(first);
    const read = await h.app.request(`/v1/cases/${first.id}?token=${again.accessToken}`);
    expect(read.status).toBe(200);
  });

  it('counts a body with its keys in another order as the same body', async () => {
    const key = newKey();
    const first = await createCase(
      request({ note: 'a', contact: { name: '王', phone: '13800000000' } }),
      key,
    );
    const reordered = `{"contact":{"phone":"13800000000","name":"王"},"note":"a","profile":${JSON.stringify(
      (first as unknown as { profile: unknown }).profile,
    )}}`;
    const res = await h.app.request('/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: reordered,
    });
    expect(((await res.json()) as { id: string }).id).toBe(first.id);
  });

  it('answers 422 to the same key with a different body', async () => {
    const key = newKey();
    await createCase(request({ note: 'first' }), key);
    const res = await h.app.request(
      '/v1/cases',
      json(request({ note: 'second' }), { 'idempotency-key': key }),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { type: string }).type).toBe('/problems/idempotency-conflict');
  });

  it('makes exactly one case of 20 concurrent requests with one key, all answered alike', async () => {
    const key = newKey();
    const body = request();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => h.app.request('/v1/cases', json(body, { 'idempotency-key': key }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      id: string;
      accessToken: string;
    }[];
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.accessToken)).size).toBe(1);
    const admin = h.staffToken({ role: 'admin' });
    const department = (bodies[0] as unknown as { department: string }).department;
    const list = (await (
      await h.app.request(`/v1/cases?department=${encodeURIComponent(department)}&limit=100`, {
        headers: bearer(admin),
      })
    ).json()) as { items: { companyName?: string }[] };
    expect(list.items.filter((i) => i.companyName === body.profile.name)).toHaveLength(1);
  });

  it('holds its case for a day; after that the key opens a new case', async () => {
    const key = newKey();
    const body = request();
    const first = await createCase(body, key);
    h.clock.advance(25 * 60 * 60 * 1000);
    const later = await createCase(body, key);
    expect(later.id).not.toBe(first.id);
  });
});

describe('changing a case', () => {
  it('needs If-Match (428), refuses a stale one (412) and a step outside the workflow (409)', async () => {
    const created = await createCase();
    const staff = h.staffToken({ role: 'staff', department: created.department });
    expect((await patch(created.id, { status: 'triaged' }, bearer(staff))).status).toBe(428);
    expect(
      (await patch(created.id, { status: 'triaged' }, { ...bearer(staff), 'if-match': '"7"' })).status,
    ).toBe(412);
    const invalid = await patch(created.id, { status: 'approved' }, { ...bearer(staff), 'if-match': '"1"' });
    expect(invalid.status).toBe(409);
    expect(((await invalid.json()) as { detail: string }).detail).toContain('已分派');
    for (const tag of ['*', 'W/"1"', '1'])
      expect(
        (await patch(created.id, { status: 'triaged' }, { ...bearer(staff), 'if-match': tag })).status,
      ).toBe(412);
  });

  it('walks the workflow to closed, each step one history entry with who, when, from, to and note', async () => {
    const created = await createCase();
    const staff = h.staffToken({ role: 'staff', department: created.department, sub: 'bob' });
    const path = ['triaged', 'contacted', 'applying', 'approved', 'closed'];
    let etag = '"1"';
    for (const status of path) {
      const res = await patch(
        created.id,
        { status, note: `to ${status}` },
        { ...bearer(staff), 'if-match': etag },
      );
      expect(res.status).toBe(200);
      etag = res.headers.get('etag') as string;
    }
    expect(etag).toBe(`"${path.length + 1}"`);
    const res = await h.app.request(`/v1/cases/${created.id}`, { headers: bearer(staff) });
    const record = (await res.json()) as { status: string; history: Record<string, unknown>[] };
    expect(record.status).toBe('closed');
    expect(record.history.map((e) => [e.from, e.to])).toEqual([
      [null, 'new'],
      ['new', 'triaged'],
      ['triaged', 'contacted'],
      ['contacted', 'applying'],
      ['applying', 'approved'],
      ['approved', 'closed'],
    ]);
    expect(record.history[2]).toMatchObject({ note: 'to contacted', by: { role: 'staff', sub: 'bob' } });
    expect(record.history.every((e) => typeof e.at === 'string')).toBe(true);
    const final = await patch(created.id, { status: 'new' }, { ...bearer(staff), 'if-match': etag });
    expect(final.status).toBe(409);
  });

  it('assigns and annotates without a status change, and records nothing for a change that changes nothing', async () => {
    const created = await createCase();
    const staff = h.staffToken({ role: 'staff', department: created.department });
    const assigned = await patch(created.id, { assignee: '李四' }, { ...bearer(staff), 'if-match': '"1"' });
    expect(assigned.headers.get('etag')).toBe('"2"');
    const body = (await assigned.json()) as { assignee: string; history: Record<string, unknown>[] };
    expect(body.assignee).toBe('李四');
    expect(body.history[1]).toMatchObject({ from: 'new', to: 'new', assignee: { from: null, to: '李四' } });
    const same = await patch(created.id, { assignee: '李四' }, { ...bearer(staff), 'if-match': '"2"' });
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe('"2"');
    expect(((await same.json()) as { history: unknown[] }).history).toHaveLength(2);
  });

  it('applies exactly one of 30 concurrent changes to one version; 29 get 412; history grows by one', async () => {
    const created = await createCase();
    const staff = h.staffToken({ role: 'staff', department: created.department });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        patch(
          created.id,
          { status: 'triaged', assignee: `staff-${i}` },
          { ...bearer(staff), 'if-match': '"1"' },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(29);
    const record = (await (
      await h.app.request(`/v1/cases/${created.id}`, { headers: bearer(staff) })
    ).json()) as { version: number; history: unknown[] };
    expect(record.version).toBe(2);
    expect(record.history).toHaveLength(2);
  });
});

describe('listing cases', () => {
  it("shows staff their own department's cases, admins anyone's, and filters by status", async () => {
    const a = ledMeasure();
    const b = ledMeasure(a.department);
    const inA = await createCase(request({ policyIds: [a.policyId] }));
    const inB = await createCase(request({ policyIds: [b.policyId] }));
    const staffA = h.staffToken({ role: 'staff', department: a.department });
    const ids = async (query: string, token: string) => {
      const res = await h.app.request(`/v1/cases${query}`, { headers: bearer(token) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await ids('?limit=100', staffA)).toContain(inA.id);
    expect(await ids('?limit=100', staffA)).not.toContain(inB.id);
    const admin = h.staffToken({ role: 'admin' });
    const all = await ids('?limit=100', admin);
    expect(all).toEqual(expect.arrayContaining([inA.id, inB.id]));
    expect(await ids(`?department=${encodeURIComponent(b.department)}&limit=100`, admin)).toContain(inB.id);
    expect(await ids(`?department=${encodeURIComponent(b.department)}&limit=100`, admin)).not.toContain(
      inA.id,
    );
    expect(await ids('?status=triaged&limit=100', staffA)).not.toContain(inA.id);
    const other = await h.app.request(`/v1/cases?department=${encodeURIComponent(b.department)}`, {
      headers: bearer(staffA),
    });
    expect(other.status).toBe(403);
  });

  it('refuses an unknown status, naming the field', async () => {
    const res = await h.app.request('/v1/cases?status=done', {
      headers: bearer(h.staffToken({ role: 'admin' })),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('status');
  });
});

describe('replaying a case', () => {
  it('re-evaluates the stored profile against the stored catalog version and finds it identical', async () => {
    const created = await createCase(
      request({ profile: { registeredInLuohu: true, industry: { tracks: ['ai'] } } }),
    );
    const res = await h.app.request(`/v1/cases/${created.id}/replay?token=${created.accessToken}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, unknown>;
    expect(report).toMatchObject({
      caseId: created.id,
      catalogVersion: h.catalog.version,
      asOf: (created.match as { asOf: string }).asOf,
      identical: true,
      differences: [],
    });
    expect(report.summary).toContain('一致');
  });

  it('uses the catalog version the case was decided with, not the live one', async () => {
    const created = await createCase(request({ profile: { registeredInLuohu: true } }));
    // A redeploy with a different catalog: one clause fewer.
    const { version, clauses, ...rest } = h.catalog.catalog;
    const next = compileCatalog(buildCatalog({ ...rest, clauses: [clauses.slice(1)] }));
    expect(next.version).not.toBe(version);
    const app = h.withCatalog(next);
    const staff = h.staffToken({ role: 'admin' });
    const report = (await (
      await app.request(`/v1/cases/${created.id}/replay`, { headers: bearer(staff) })
    ).json()) as { identical: boolean; catalogVersion: string };
    expect(report).toMatchObject({ identical: true, catalogVersion: version });
    const newer = await app.request('/v1/cases', json(request(), { 'idempotency-key': newKey() }));
    expect(((await newer.json()) as { match: { catalogVersion: string } }).match.catalogVersion).toBe(
      next.version,
    );
  });

  it('reports where a recorded match differs from the replay', async () => {
    const created = await createCase();
    const doc = documentClient(h.store.client);
    const key = { pk: `CASE#${created.id}`, sk: 'SNAPSHOT' };
    const item = await doc.send(new GetCommand({ TableName: h.store.tableName, Key: key }));
    const snapshot = gunzipJson<{ results: { policyId: string; outcome: string }[] }>(
      item.Item?.body as Uint8Array,
    );
    const first = snapshot.results[0];
    if (!first) throw new Error('empty snapshot');
    const recorded = first.outcome === 'eligible' ? 'ineligible' : 'eligible';
    const replayed = first.outcome;
    first.outcome = recorded;
    await doc.send(
      new PutCommand({ TableName: h.store.tableName, Item: { ...key, body: gzipJson(snapshot) } }),
    );
    const res = await h.app.request(`/v1/cases/${created.id}/replay`, {
      headers: bearer(h.staffToken({ role: 'admin' })),
    });
    const report = (await res.json()) as { identical: boolean; differences: unknown[] };
    expect(report.identical).toBe(false);
    expect(report.differences).toContainEqual({
      path: `results.${first.policyId}.outcome`,
      recorded,
      replayed,
    });
  });
});

describe('who may do what', () => {
  type Who = 'anonymous' | 'company' | 'other company' | 'staff of the department' | 'other staff' | 'admin';
  const WHO: Who[] = [
    'anonymous',
    'company',
    'other company',
    'staff of the department',
    'other staff',
    'admin',
  ];
  let theCase: { id: string; accessToken: string; department: string };
  let otherCase: { accessToken: string };
  const credentials = (who: Who): { query: string; headers: Record<string, string> } => {
    switch (who) {
      case 'anonymous':
        return { query: '', headers: {} };
      case 'company':
        return { query: `token=${theCase.accessToken}`, headers: {} };
      case 'other company':
        return { query: `token=${otherCase.accessToken}`, headers: {} };
      case 'staff of the department':
        return {
          query: '',
          headers: bearer(h.staffToken({ role: 'staff', department: theCase.department })),
        };
      case 'other staff':
        return { query: '', headers: bearer(h.staffToken({ role: 'staff', department: '区司法局' })) };
      case 'admin':
        return { query: '', headers: bearer(h.staffToken({ role: 'admin' })) };
    }
  };
  beforeAll(async () => {
    theCase = await createCase(request({ policyIds: [ledMeasure('区司法局').policyId] }));
    otherCase = await createCase();
    expect(theCase.department).not.toBe('区司法局');
  });

  const send = async (
    who: Who,
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) => {
    const { query, headers } = credentials(who);
    const url = `${path}${query ? `${path.includes('?') ? '&' : '?'}${query}` : ''}`;
    const init: RequestInit = { method, headers: { ...headers, ...extra } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { ...init.headers, 'content-type': 'application/json' };
    }
    return h.app.request(url, init);
  };

  /** The case's current ETag, so each PATCH below is judged on access alone. */
  const etag = async () =>
    (await h.app.request(`/v1/cases/${theCase.id}`, { headers: credentials('admin').headers })).headers.get(
      'etag',
    ) as string;
  // Who may read a case (and replay it): the company holding its token, its department, admins.
  const READERS: Record<Who, number> = {
    anonymous: 401,
    company: 200,
    'other company': 404,
    'staff of the department': 200,
    'other staff': 404,
    admin: 200,
  };

  const MATRIX: Record<string, { run: (who: Who) => Promise<Response>; expect: Record<Who, number> }> = {
    'POST /v1/cases': {
      run: (who) => send(who, 'POST', '/v1/cases', request(), { 'idempotency-key': newKey() }),
      expect: {
        anonymous: 201,
        company: 201,
        'other company': 201,
        'staff of the department': 201,
        'other staff': 201,
        admin: 201,
      },
    },
    'GET /v1/cases': {
      run: (who) => send(who, 'GET', '/v1/cases'),
      expect: {
        anonymous: 401,
        company: 403,
        'other company': 403,
        'staff of the department': 200,
        'other staff': 200,
        admin: 200,
      },
    },
    'GET /v1/cases/{id}': {
      run: (who) => send(who, 'GET', `/v1/cases/${theCase.id}`),
      expect: READERS,
    },
    'PATCH /v1/cases/{id}': {
      run: async (who) =>
        send(who, 'PATCH', `/v1/cases/${theCase.id}`, { note: `by ${who}` }, { 'if-match': await etag() }),
      expect: {
        anonymous: 401,
        company: 403,
        'other company': 403,
        'staff of the department': 200,
        'other staff': 404,
        admin: 200,
      },
    },
    'GET /v1/cases/{id}/replay': {
      run: (who) => send(who, 'GET', `/v1/cases/${theCase.id}/replay`),
      expect: READERS,
    },
  };

  for (const [route, { run, expect: statuses }] of Object.entries(MATRIX))
    for (const who of WHO)
      it(`${route} as ${who} → ${statuses[who]}`, async () => {
        const res = await run(who);
        expect(res.status).toBe(statuses[who]);
        if (res.status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
        if (res.status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json');
      });

  it('answers a case that is not yours exactly as a case that does not exist', async () => {
    const strip = (p: Record<string, unknown>) => ({
      ...p,
      detail: undefined,
      instance: undefined,
      requestId: undefined,
    });
    for (const who of ['other company', 'other staff'] as Who[]) {
      const hidden = await send(who, 'GET', `/v1/cases/${theCase.id}`);
      const missing = await send(who, 'GET', `/v1/cases/${randomUUID()}`);
      expect(hidden.status).toBe(missing.status);
      expect(strip((await hidden.json()) as Record<string, unknown>)).toEqual(
        strip((await missing.json()) as Record<string, unknown>),
      );
    }
  });

  it('answers an unknown case with a problem type that leads to its entry on /docs', async () => {
    const admin = h.staffToken({ role: 'admin' });
    const res = await h.app.request(`/v1/cases/${randomUUID()}`, { headers: bearer(admin) });
    expect(res.status).toBe(404);
    const { type } = (await res.json()) as { type: string };
    expect(type).toBe('/problems/case-not-found');
    const followed = await h.app.request(type);
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe('../docs#problem-case-not-found');
    expect(await (await h.app.request('/docs')).text()).toContain('id="problem-case-not-found"');
  });

  it('shows the company who acted by role, never staff user ids', async () => {
    const res = await send('company', 'GET', `/v1/cases/${theCase.id}`);
    const body = (await res.json()) as { history: { by: Record<string, unknown> }[] };
    expect(body.history.length).toBeGreaterThan(1);
    for (const entry of body.history) expect(entry.by).not.toHaveProperty('sub');
  });

  it('refuses a bearer token that does not verify, on every route', async () => {
    const headers = { authorization: 'Bearer not.a.token' };
    for (const [method, path] of [
      ['GET', '/v1/cases'],
      ['GET', `/v1/cases/${theCase.id}`],
      ['GET', `/v1/cases/${theCase.id}/replay`],
    ]) {
      const res = await h.app.request(path as string, { method, headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it('refuses a staff token without a department', async () => {
    const token = h.staffToken({ role: 'staff' });
    expect((await h.app.request('/v1/cases', { headers: bearer(token) })).status).toBe(403);
  });
});
