import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaCasesConfig } from '../../functions/lambda-cases.js';
import { type LocalStore, startLocalStore } from '../../functions/local-store.js';
import { writeLambdaData } from '../../infra/lambda-data.js';
import { startTestIssuer, type TestIssuer } from './cognito-issuer.js';

// The cases routes through the Lambda handler, configured by the environment the
// CDK stack sets, on a real store, with API Gateway HTTP API events (fixtures/).

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** The parts of an HTTP API (payload 2.0) event these tests change. */
interface HttpApiEvent {
  routeKey: string;
  rawPath: string;
  headers: Record<string, string>;
  body?: string;
  pathParameters?: Record<string, string>;
  requestContext: {
    http: { method: string; path: string };
    authorizer?: { jwt: { claims: Record<string, unknown> } };
  };
}
const event = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as HttpApiEvent;
const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

let store: LocalStore;
let pool: TestIssuer;
let handler: typeof import('../../functions/lambda.js').handler;
const dataDir = mkdtempSync(join(tmpdir(), 'luohu-lambda-data-'));
beforeAll(async () => {
  // The catalog and lexicon files a synth bundles beside the handler.
  const data = writeLambdaData(dataDir);
  store = await startLocalStore({ catalog: data.catalog });
  pool = await startTestIssuer();
  Object.assign(process.env, {
    CATALOG_FILE: data.catalogFile,
    LEXICON_FILE: data.lexiconFile,
    TABLE_NAME: store.tableName,
    DYNAMODB_ENDPOINT: store.endpoint,
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    COGNITO_ISSUER: pool.issuer,
    COGNITO_STAFF_CLIENT_ID: pool.clientId,
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  ({ handler } = await import('../../functions/lambda.js'));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await pool?.stop();
  await store?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function invoke(e: HttpApiEvent) {
  const result = await handler(e as unknown as LambdaEvent, context);
  return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
}

function post(body: unknown, key: string): HttpApiEvent {
  const e = event('case-get-public-event.json');
  e.routeKey = 'POST /v1/cases';
  e.rawPath = '/v1/cases';
  e.requestContext.http = { ...e.requestContext.http, method: 'POST', path: '/v1/cases' };
  e.headers = { ...e.headers, 'content-type': 'application/json', 'idempotency-key': key };
  e.body = JSON.stringify(body);
  delete e.pathParameters;
  return e;
}

function getCase(id: string, headers: Record<string, string> = {}): HttpApiEvent {
  const e = event('case-get-public-event.json');
  e.rawPath = `/v1/cases/${id}`;
  e.requestContext.http.path = e.rawPath;
  e.pathParameters = { id };
  e.headers = { ...e.headers, ...headers };
  return e;
}

describe('cases on Lambda', () => {
  let created: { id: string; department: string };
  beforeAll(async () => {
    const res = await invoke(
      post(
        { profile: { registeredInLuohu: true, industry: { tracks: ['ai'] } }, contact: { name: '王经理' } },
        '11111111-2222-4333-8444-555555555555',
      ),
    );
    expect(res.status).toBe(201);
    created = res.body as unknown as typeof created;
  });

  it('lists with the claims the gateway verified, ignoring the token in the header', async () => {
    const e = event('cases-list-staff-event.json');
    const claims = e.requestContext.authorizer?.jwt.claims as Record<string, unknown>;
    claims['custom:department'] = created.department;
    const res = await invoke(e);
    expect(res.status).toBe(200);
    expect((res.body.items as { id: string }[]).map((i) => i.id)).toContain(created.id);
  });

  it('verifies a staff bearer token itself on the public case route', async () => {
    const own = pool.idToken({
      sub: 'u1',
      'cognito:groups': ['staff'],
      'custom:department': created.department,
    });
    expect((await invoke(getCase(created.id, { authorization: `Bearer ${own}` }))).status).toBe(200);
    const other = pool.idToken({ sub: 'u2', 'cognito:groups': ['staff'], 'custom:department': '区司法局' });
    expect((await invoke(getCase(created.id, { authorization: `Bearer ${other}` }))).status).toBe(404);
  });

  it('refuses a bearer token the user pool did not sign, even one claiming admin', async () => {
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        sub: 'x',
        'cognito:groups': ['admin'],
        iss: pool.issuer,
        aud: pool.clientId,
        token_use: 'id',
      }),
    ).toString('base64url')}.`;
    const res = await invoke(getCase(created.id, { authorization: `Bearer ${forged}` }));
    expect(res.status).toBe(401);
  });

  it('answers anonymous readers 401, as everywhere', async () => {
    expect((await invoke(getCase(created.id))).status).toBe(401);
  });
});

describe('the Lambda cases configuration', () => {
  it('names every missing variable', () => {
    expect(() => lambdaCasesConfig({ TABLE_NAME: 't' })).toThrow(
      /COGNITO_ISSUER, COGNITO_STAFF_CLIENT_ID not set/,
    );
  });
});
