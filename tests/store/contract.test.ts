import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStore, localClient, startLocalStore } from '../../functions/local-store.js';
import { CaseNotFound, InvalidCursor, VersionConflict } from '../../shared/cases/errors.js';
import type { CaseStatus } from '../../shared/cases/model.js';
import { buildCatalog, type Catalog } from '../../shared/catalog/catalog.js';
import { gzipJson } from '../../shared/store/codec.js';
import { documentClient } from '../../shared/store/dynamodb.js';
import { DynamoCaseStore } from '../../shared/store/dynamodb-cases.js';
import { DynamoCatalogStore } from '../../shared/store/dynamodb-catalog.js';
import { DynamoIdempotencyStore } from '../../shared/store/dynamodb-idempotency.js';
import {
  CatalogIntegrityError,
  CatalogVersionNotFound,
  StoreFailure,
  StoreUnavailable,
} from '../../shared/store/errors.js';
import { catalog as seeds } from '../api/helpers.js';
import { javaAvailable, startDynamoDbLocal } from './dynamodb-local.js';
import { caseCreation, change } from './fixtures.js';

// One contract, two servers: every store behaviour the service relies on is
// checked against dynalite (always) and AWS's DynamoDB Local (when Java is
// there, as .ci/run guarantees). Each suite gets its own tables.

type Backend = { name: string; available: boolean; start: () => Promise<LocalStore> };

const tablePrefix = () => `t${randomUUID().slice(0, 8)}-`;

const BACKENDS: Backend[] = [
  {
    name: 'dynalite',
    available: true,
    start: () => startLocalStore({ catalog: null, tablePrefix: tablePrefix() }),
  },
  {
    name: 'DynamoDB Local',
    available: javaAvailable,
    start: async () => {
      const server = await startDynamoDbLocal();
      try {
        const store = await startLocalStore({
          endpoint: server.endpoint,
          catalog: null,
          tablePrefix: tablePrefix(),
        });
        return {
          ...store,
          stop: async () => {
            await store.stop();
            await server.stop();
          },
        };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  },
];

const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

/** The seed catalog with some clauses left out: a version of its own (buildCatalog re-hashes it). */
const catalogOf = (clauses: Catalog['clauses']) => buildCatalog({ ...seeds.catalog, clauses: [clauses] });

/**
 * A client on `endpoint` that holds back each GetItem's answer until `count`
 * have been answered: that many catalog publishers all find the version
 * unpublished before any of them writes, so they race every time.
 */
function clientWithGetBarrier(endpoint: string, count: number) {
  const client = localClient(endpoint, {});
  let answered = 0;
  let release!: () => void;
  const allAnswered = new Promise<void>((resolve) => {
    release = resolve;
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'GetItemCommand') {
        if (++answered === count) release();
        await allAnswered;
      }
      return result;
    },
    { step: 'initialize', name: 'getBarrier' },
  );
  return client;
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`the store contract on ${backend.name}`, () => {
    let store: LocalStore;
    let cases: DynamoCaseStore;
    beforeAll(async () => {
      store = await backend.start();
      cases = new DynamoCaseStore(store.client, store.tableName);
    });
    afterAll(async () => {
      await store?.stop();
    });
    const raw = () => documentClient(store.client);

    describe('CaseStore', () => {
      it('reads back a created case with its first history entry and its match snapshot', async () => {
        const creation = caseCreation();
        await cases.create(creation);
        const record = await cases.get(creation.case.id);
        expect(record?.case).toEqual(creation.case);
        expect(record?.history).toEqual([creation.opened]);
        expect(record?.match).toEqual(creation.match);
      });

      it('knows no case it was never given', async () => {
        expect(await cases.get(randomUUID())).toBeUndefined();
      });

      it('writes one case however often, and however concurrently, a creation is repeated', async () => {
        const creation = caseCreation();
        const outcomes = await settle(Array.from({ length: 20 }, () => cases.create(creation)));
        expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
        await cases.create(creation);
        const record = await cases.get(creation.case.id);
        expect(record?.case.version).toBe(1);
        expect(record?.history).toHaveLength(1);
      });

      it('finishes a creation that stopped before the case item when it is repeated', async () => {
        const creation = caseCreation();
        await cases.create(creation);
        // As if the writer died after the snapshot and history: no case item yet.
        await raw().send(
          new DeleteCommand({
            TableName: store.tableName,
            Key: { pk: `CASE#${creation.case.id}`, sk: 'CASE' },
          }),
        );
        expect(await cases.get(creation.case.id)).toBeUndefined();
        await cases.create(creation);
        expect((await cases.get(creation.case.id))?.case).toEqual(creation.case);
      });

      it('appends a change: the history grows by one and the case takes its state and version', async () => {
        const creation = caseCreation();
        await cases.create(creation);
        const entry = change(1, { status: 'triaged', assignee: '李四' }, 'new');
        await cases.append(creation.case.id, entry);
        const record = await cases.get(creation.case.id);
        expect(record?.case).toMatchObject({
          status: 'triaged',
          assignee: '李四',
          version: 2,
          updatedAt: entry.at,
        });
        expect(record?.history).toEqual([creation.opened, entry]);
      });

      it('refuses a change to a version that is no longer current, leaving history alone', async () => {
        const creation = caseCreation();
        await cases.create(creation);
        await cases.append(creation.case.id, change(1, { status: 'triaged' }, 'new'));
        await expect(
          cases.append(creation.case.id, change(1, { status: 'withdrawn' }, 'new')),
        ).rejects.toBeInstanceOf(VersionConflict);
        await expect(
          cases.append(creation.case.id, change(0, { status: 'new' }, 'new')),
        ).rejects.toBeInstanceOf(VersionConflict);
        const record = await cases.get(creation.case.id);
        expect(record?.case.status).toBe('triaged');
        expect(record?.history.map((h) => h.seq)).toEqual([1, 2]);
      });

      it('refuses a change to a case that does not exist', async () => {
        await expect(
          cases.append(randomUUID(), change(1, { status: 'triaged' }, 'new')),
        ).rejects.toBeInstanceOf(CaseNotFound);
      });

      it('applies exactly one of 30 concurrent changes to one version; the other 29 conflict', async () => {
        const creation = caseCreation();
        await cases.create(creation);
        const outcomes = await settle(
          Array.from({ length: 30 }, (_, i) =>
            cases.append(creation.case.id, change(1, { status: 'triaged', assignee: `staff-${i}` }, 'new')),
          ),
        );
        const applied = outcomes.filter((o) => o.status === 'fulfilled');
        const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(applied).toHaveLength(1);
        expect(refused).toHaveLength(29);
        for (const r of refused) expect(r.reason).toBeInstanceOf(VersionConflict);
        const record = await cases.get(creation.case.id);
        expect(record?.history).toHaveLength(2);
        expect(record?.case.version).toBe(2);
        expect(record?.case.assignee).toBe(record?.history[1]?.state.assignee);
      });

      it('rolls forward a change whose writer stopped between the history entry and the case item', async () => {
        const creation = caseCreation({ department: `区测试局-${randomUUID().slice(0, 6)}` });
        await cases.create(creation);
        const entry = change(1, { status: 'triaged', assignee: '李四' }, 'new');
        // Step 1 of append only, as the adapter writes it.
        await raw().send(
          new PutCommand({
            TableName: store.tableName,
            Item: { pk: `CASE#${creation.case.id}`, sk: 'HIST#000002', ...entry },
          }),
        );
        const record = await cases.get(creation.case.id);
        expect(record?.case).toMatchObject({ status: 'triaged', assignee: '李四', version: 2 });
        // The reader repaired the case item itself, so lists see the change too.
        const item = await raw().send(
          new GetCommand({ TableName: store.tableName, Key: { pk: `CASE#${creation.case.id}`, sk: 'CASE' } }),
        );
        expect(item.Item).toMatchObject({ status: 'triaged', version: 2 });
        const listed = await cases.list({
          department: creation.case.department,
          status: 'triaged',
          limit: 10,
        });
        expect(listed.items.map((i) => i.id)).toEqual([creation.case.id]);
        // The interrupted change holds its version: a second writer of version 2 conflicts.
        await expect(
          cases.append(creation.case.id, change(1, { status: 'withdrawn' }, 'new')),
        ).rejects.toBeInstanceOf(VersionConflict);
        await cases.append(creation.case.id, change(2, { status: 'contacted' }, 'triaged'));
        expect((await cases.get(creation.case.id))?.case.version).toBe(3);
      });

      describe('lists', () => {
        const department = `区列表局-${randomUUID().slice(0, 6)}`;
        const other = `区其他局-${randomUUID().slice(0, 6)}`;
        const ids: Record<string, CaseStatus> = {};
        beforeAll(async () => {
          // Seven cases a minute apart; every other one triaged; one in another department.
          for (let i = 0; i < 7; i++) {
            const at = `2025-08-01T10:0${i}:00.000Z`;
            const creation = caseCreation({ department, createdAt: at, updatedAt: at });
            await cases.create(creation);
            ids[creation.case.id] = 'new';
            if (i % 2 === 1) {
              await cases.append(
                creation.case.id,
                change(1, { status: 'triaged' }, 'new', `2025-08-02T10:0${i}:00.000Z`),
              );
              ids[creation.case.id] = 'triaged';
            }
          }
          await cases.create(caseCreation({ department: other }));
        });

        it("lists one department's cases of one status, newest change first", async () => {
          const page = await cases.list({ department, status: 'triaged', limit: 50 });
          expect(page.items.map((i) => i.status)).toEqual(['triaged', 'triaged', 'triaged']);
          const times = page.items.map((i) => i.updatedAt);
          expect(times).toEqual([...times].sort().reverse());
          expect(page.nextCursor).toBeUndefined();
        });

        it("lists one department's cases of every status, and no other department's", async () => {
          const page = await cases.list({ department, limit: 50 });
          expect(new Set(page.items.map((i) => i.id))).toEqual(new Set(Object.keys(ids)));
          expect(page.items.every((i) => i.department === department)).toBe(true);
          const times = page.items.map((i) => i.updatedAt);
          expect(times).toEqual([...times].sort().reverse());
          expect(page.items[0]).not.toHaveProperty('accessTokenHash');
        });

        it('lists every department when none is named', async () => {
          const page = await cases.list({ limit: 100 });
          const departments = new Set(page.items.map((i) => i.department));
          expect(departments.has(department)).toBe(true);
          expect(departments.has(other)).toBe(true);
        });

        it('pages through a list without losing or repeating a case', async () => {
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await cases.list({ department, limit: 3, ...(cursor ? { cursor } : {}) });
            seen.push(...page.items.map((i) => i.id));
            cursor = page.nextCursor;
            pages++;
          } while (cursor && pages < 10);
          expect(seen).toHaveLength(7);
          expect(new Set(seen)).toEqual(new Set(Object.keys(ids)));
          expect(pages).toBe(3);
        });

        it('refuses a cursor it did not issue', async () => {
          await expect(
            cases.list({ department, limit: 3, cursor: 'bm90LWEtY3Vyc29y' }),
          ).rejects.toBeInstanceOf(InvalidCursor);
        });
      });
    });

    describe('IdempotencyStore', () => {
      const record = (payload: string, expiresAt = 2_000_000_000) => ({
        keyHash: `k-${randomUUID()}`,
        requestHash: 'r1',
        expiresAt,
        payload: new TextEncoder().encode(payload),
      });
      const now = new Date('2025-06-30T02:00:00Z');

      it('claims a new key, and hands the first record to every later claim of it', async () => {
        const idem = new DynamoIdempotencyStore(store.client, store.tableName);
        const first = record('first');
        expect(await idem.claim(first, now)).toEqual({ claimed: true, record: first });
        const second = await idem.claim(
          { ...first, requestHash: 'r2', payload: new TextEncoder().encode('second') },
          now,
        );
        expect(second.claimed).toBe(false);
        expect(second.record.requestHash).toBe('r1');
        expect(new TextDecoder().decode(second.record.payload)).toBe('first');
      });

      it('lets exactly one of 20 concurrent claims of one key win, and shows all of them the winner', async () => {
        const idem = new DynamoIdempotencyStore(store.client, store.tableName);
        const keyHash = `k-${randomUUID()}`;
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => idem.claim({ ...record(`attempt-${i}`), keyHash }, now)),
        );
        const winners = results.filter((r) => r.claimed);
        expect(winners).toHaveLength(1);
        const payloads = new Set(results.map((r) => new TextDecoder().decode(r.record.payload)));
        expect(payloads).toEqual(new Set([new TextDecoder().decode(winners[0]?.record.payload)]));
      });

      it('treats a record past its expiry as gone, even before TTL deletes it', async () => {
        const idem = new DynamoIdempotencyStore(store.client, store.tableName);
        const old = record('old', Math.floor(now.getTime() / 1000) - 1);
        await idem.claim(old, new Date(now.getTime() - 60_000));
        const fresh = { ...old, expiresAt: 2_000_000_000, payload: new TextEncoder().encode('fresh') };
        expect((await idem.claim(fresh, now)).claimed).toBe(true);
      });
    });

    describe('CatalogStore', () => {
      const catalog = seeds.catalog;

      it('gives back a published version exactly, from a fresh store instance', async () => {
        await new DynamoCatalogStore(store.client, store.tableName).publish(catalog, new Date());
        const read = await new DynamoCatalogStore(store.client, store.tableName).get(catalog.version);
        expect(read).toEqual(catalog);
      });

      it('keeps a version immutable: publishing it again changes nothing', async () => {
        const catalogs = new DynamoCatalogStore(store.client, store.tableName);
        await catalogs.publish(catalog, new Date());
        const header = async () =>
          (
            await raw().send(
              new GetCommand({
                TableName: store.tableName,
                Key: { pk: `CATALOG#${catalog.version}`, sk: 'CATALOG' },
              }),
            )
          ).Item;
        const first = await header();
        await catalogs.publish(catalog, new Date(Date.now() + 60_000));
        expect(await header()).toEqual(first);
        expect(await catalogs.get(catalog.version)).toEqual(catalog);
      });

      it('stores a new version once and complete when publishers race, never mixing their parts', async () => {
        const racers = 5;
        const fresh = catalogOf(catalog.clauses.slice(0, -1));
        const racing = clientWithGetBarrier(store.endpoint, racers);
        try {
          const stores = Array.from(
            { length: racers },
            () => new DynamoCatalogStore(racing, store.tableName, 16 * 1024),
          );
          await Promise.all(stores.map((s) => s.publish(fresh, new Date())));
        } finally {
          racing.destroy();
        }
        const items = await raw().send(
          new QueryCommand({
            TableName: store.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `CATALOG#${fresh.version}` },
            ConsistentRead: true,
          }),
        );
        const headers = (items.Items ?? []).filter((i) => i.sk === 'CATALOG');
        const parts = (items.Items ?? []).filter((i) => String(i.sk).startsWith('PART#'));
        // Exactly one stored version, in more than one part.
        expect(headers).toHaveLength(1);
        const header = headers[0] as { publishId: string; parts: number };
        expect(header.parts).toBeGreaterThan(1);
        // Every publisher got past the header check and wrote its parts: the race ran.
        const publishIds = new Set(parts.map((p) => String(p.sk).split('#')[1]));
        expect(publishIds.size).toBe(racers);
        expect(publishIds.has(header.publishId)).toBe(true);
        // The header's publisher's parts are all there, and read back to the very catalog.
        expect(parts.filter((p) => String(p.sk).startsWith(`PART#${header.publishId}#`))).toHaveLength(
          header.parts,
        );
        expect(await new DynamoCatalogStore(store.client, store.tableName).get(fresh.version)).toEqual(fresh);
      });

      it('stores a catalog larger than one item in parts', async () => {
        const small = new DynamoCatalogStore(store.client, store.tableName, 8 * 1024);
        const rebuilt = catalogOf(catalog.clauses.slice(1));
        await small.publish(rebuilt, new Date());
        const header = await raw().send(
          new GetCommand({
            TableName: store.tableName,
            Key: { pk: `CATALOG#${rebuilt.version}`, sk: 'CATALOG' },
          }),
        );
        expect(header.Item?.parts).toBeGreaterThan(5);
        expect(await new DynamoCatalogStore(store.client, store.tableName).get(rebuilt.version)).toEqual(
          rebuilt,
        );
      });

      it('refuses a version never published, and will not point the live catalog at it', async () => {
        const catalogs = new DynamoCatalogStore(store.client, store.tableName);
        await expect(catalogs.get('0000000000000000')).rejects.toBeInstanceOf(CatalogVersionNotFound);
        await expect(catalogs.setCurrent('0000000000000000', new Date())).rejects.toBeInstanceOf(
          CatalogVersionNotFound,
        );
      });

      it('points the live catalog at a published version', async () => {
        const catalogs = new DynamoCatalogStore(store.client, store.tableName);
        await catalogs.publish(catalog, new Date());
        await catalogs.setCurrent(catalog.version, new Date());
        expect(await catalogs.currentVersion()).toBe(catalog.version);
      });

      it('refuses a stored body that does not hash to its version', async () => {
        const catalogs = new DynamoCatalogStore(store.client, store.tableName);
        const { version, ...body } = catalog;
        const forged = `f${version.slice(1)}`;
        await raw().send(
          new PutCommand({
            TableName: store.tableName,
            Item: { pk: `CATALOG#${forged}`, sk: 'PART#x#0000', body: gzipJson(body) },
          }),
        );
        await raw().send(
          new PutCommand({
            TableName: store.tableName,
            Item: { pk: `CATALOG#${forged}`, sk: 'CATALOG', version: forged, publishId: 'x', parts: 1 },
          }),
        );
        await expect(catalogs.get(forged)).rejects.toBeInstanceOf(CatalogIntegrityError);
      });
    });

    describe('SDK errors', () => {
      it('become StoreFailure, keeping the SDK error as cause, when the table does not exist', async () => {
        const missing = new DynamoCaseStore(store.client, `${store.tableName}-missing`);
        const error = await missing.get(randomUUID()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreFailure);
        expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
      });
    });
  });
}

describe('a store that cannot be reached', () => {
  it('answers StoreUnavailable, keeping the network error as cause', async () => {
    // Port 9 (discard) on loopback: nothing listens, so the connection is refused.
    const client = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const error = await new DynamoCaseStore(client, 'any').get(randomUUID()).catch((e: unknown) => e);
    client.destroy();
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).cause).toBeDefined();
  });
});
