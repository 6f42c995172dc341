import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStore, startLocalStore } from '../../functions/local-store.js';
import { createHandler, readBundledCatalog } from '../../functions/publish-catalog.js';
import { buildCatalog, type Catalog } from '../../shared/catalog/catalog.js';
import { readRawCatalog } from '../../shared/catalog/load-seeds.js';

// The deploy-time publisher as CloudFormation drives it: events in, one answer
// PUT to the response URL out, a real DynamoDB-API server (dynalite) behind
// the real CatalogStore.

const seeds = readRawCatalog();
const current = buildCatalog(seeds);
// An earlier catalog: the same seeds less one plan file, so a different version.
const earlier = buildCatalog({ ...seeds, clauses: seeds.clauses.slice(1) });

let store: LocalStore;
let responses: {
  method: string;
  contentType: string | undefined;
  body: CloudFormationCustomResourceResponse;
}[];
let server: Server;
let responseUrl: string;
let workDir: string;

beforeAll(async () => {
  store = await startLocalStore({ catalog: null, tablePrefix: 'publish-test-' });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      responses.push({
        method: req.method ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(body) as CloudFormationCustomResourceResponse,
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/presigned`;
  workDir = mkdtempSync(join(tmpdir(), 'luohu-publish-'));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.stop();
  rmSync(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  responses = [];
});

const handlerWith = (bundled: Catalog) =>
  createHandler(() => ({
    store: store.stores.catalogs,
    bundled: () => bundled,
    now: () => new Date('2025-06-01T00:00:00Z'),
  }));

function event(
  requestType: 'Create' | 'Update' | 'Delete',
  properties: Record<string, unknown>,
): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:ap-east-1:123456789012:function:publisher',
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:ap-east-1:123456789012:stack/LuohuIncentives-test/1',
    RequestId: `request-${Math.random()}`,
    LogicalResourceId: 'CatalogPublication336213EB',
    ResourceType: 'Custom::CatalogPublication',
    ResourceProperties: { ServiceToken: 'arn', tableName: store.tableName, ...properties },
  };
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  const physical = { PhysicalResourceId: 'catalog-publication-CatalogPublication336213EB' };
  if (requestType === 'Update')
    return { ...common, ...physical, RequestType: 'Update', OldResourceProperties: { ServiceToken: 'arn' } };
  return { ...common, ...physical, RequestType: 'Delete' };
}

async function run(bundled: Catalog, e: CloudFormationCustomResourceEvent) {
  await handlerWith(bundled)(e);
  expect(responses).toHaveLength(1);
  return responses[0] as (typeof responses)[number];
}

describe('catalog publication custom resource', () => {
  it('on create publishes the bundled catalog, makes it current and answers SUCCESS', async () => {
    const answer = await run(current, event('Create', { catalogVersion: current.version }));
    expect(answer.method).toBe('PUT');
    // S3 pre-signs the response URL without a content type; sending one breaks the signature.
    expect(answer.contentType ?? '').toBe('');
    expect(answer.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'catalog-publication-CatalogPublication336213EB',
      LogicalResourceId: 'CatalogPublication336213EB',
      Data: { version: current.version, action: 'published' },
    });
    expect(await store.stores.catalogs.currentVersion()).toBe(current.version);
    const stored = await store.stores.catalogs.get(current.version);
    expect(stored.clauses.map((c) => c.id)).toEqual(current.clauses.map((c) => c.id));
  });

  it('publishing the same version again is harmless', async () => {
    const answer = await run(current, event('Update', { catalogVersion: current.version }));
    expect(answer.body.Status).toBe('SUCCESS');
    expect(answer.body.PhysicalResourceId).toBe('catalog-publication-CatalogPublication336213EB');
    expect(await store.stores.catalogs.currentVersion()).toBe(current.version);
  });

  it('a rollback to a version published earlier moves the pointer back without the old bundle', async () => {
    await run(earlier, event('Update', { catalogVersion: earlier.version }));
    expect(await store.stores.catalogs.currentVersion()).toBe(earlier.version);
    responses = [];
    // The code is the new one (bundling `current`), the requested version the old one.
    const answer = await run(current, event('Update', { catalogVersion: current.version }));
    expect(answer.body.Status).toBe('SUCCESS');
    responses = [];
    const back = await run(current, event('Update', { catalogVersion: earlier.version }));
    expect(back.body).toMatchObject({
      Status: 'SUCCESS',
      Data: { version: earlier.version, action: 'repointed' },
    });
    expect(await store.stores.catalogs.currentVersion()).toBe(earlier.version);
  });

  it('a version that was never published fails the deploy and leaves the pointer alone', async () => {
    const before = await store.stores.catalogs.currentVersion();
    const answer = await run(current, event('Update', { catalogVersion: 'ffffffffffffffff' }));
    expect(answer.body.Status).toBe('FAILED');
    expect((answer.body as { Reason?: string }).Reason).toMatch(/ffffffffffffffff/);
    expect(await store.stores.catalogs.currentVersion()).toBe(before);
  });

  it('malformed properties fail with a reason naming the property', async () => {
    const answer = await run(current, event('Create', { catalogVersion: 'latest' }));
    expect(answer.body.Status).toBe('FAILED');
    expect((answer.body as { Reason?: string }).Reason).toMatch(/catalogVersion/);
  });

  it('on delete keeps every published version and answers SUCCESS with the same physical id', async () => {
    const before = await store.stores.catalogs.currentVersion();
    const answer = await run(current, event('Delete', { catalogVersion: current.version }));
    expect(answer.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'catalog-publication-CatalogPublication336213EB',
    });
    expect(await store.stores.catalogs.currentVersion()).toBe(before);
    await expect(store.stores.catalogs.get(current.version)).resolves.toMatchObject({
      version: current.version,
    });
  });
});

describe('the bundled catalog file', () => {
  it('is read back as the catalog it was written from', () => {
    const file = join(workDir, 'good.json');
    writeFileSync(file, JSON.stringify(current));
    expect(readBundledCatalog(pathToFileURL(file)).version).toBe(current.version);
  });

  it('is refused when its content does not hash to the version it claims', () => {
    const file = join(workDir, 'tampered.json');
    writeFileSync(file, JSON.stringify({ ...current, clauses: current.clauses.slice(1) }));
    expect(() => readBundledCatalog(pathToFileURL(file))).toThrow(/hashes to/);
  });
});
