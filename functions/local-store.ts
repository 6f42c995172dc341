import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { loadLocalStaffSecret } from '../shared/auth/local-secret.js';
import type { Catalog } from '../shared/catalog/catalog.js';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { createTables, physicalTableName } from '../shared/store/dynamodb.js';
import { dynamoStores, type Stores } from '../shared/store/dynamodb-stores.js';
import { MAIN_TABLE, TABLES } from '../shared/store/tables.js';
import type { RouteGroup } from './http/env.js';
import { caseRoutes, localStaffTokens } from './routes/cases.js';

// The store `npm start` and the tests run on. By default dynalite, an
// in-process DynamoDB-compatible server, in memory; with DYNAMODB_DATA_DIR set
// it keeps its data in that folder between runs. With DYNAMODB_ENDPOINT set no
// server is started and the same code talks to that DynamoDB instead (DynamoDB
// Local, LocalStack, or AWS itself). Either way the tables come from
// shared/store/tables.ts and the seed catalog is published and made current.

interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}
const dynalite = createRequire(import.meta.url)('dynalite') as (options: DynaliteOptions) => Server;

export interface LocalStoreOptions {
  /** DynamoDB to use instead of starting dynalite. */
  endpoint?: string;
  /** Folder for dynalite's data; in memory when absent. */
  dataDir?: string;
  /** Physical table names are `<prefix><id>`. */
  tablePrefix?: string;
  /** Published and made current; the seed catalog when absent, none when null. */
  catalog?: Catalog | null;
  now?: () => Date;
}

export interface LocalStore {
  endpoint: string;
  client: DynamoDBClient;
  tableName: string;
  stores: Stores;
  stop(): Promise<void>;
}

export const DEFAULT_TABLE_PREFIX = 'luohu-local-';

/** Options from the environment: DYNAMODB_ENDPOINT, DYNAMODB_DATA_DIR, DYNAMODB_TABLE_PREFIX. */
export function localStoreOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): LocalStoreOptions {
  return {
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    ...(env.DYNAMODB_DATA_DIR ? { dataDir: env.DYNAMODB_DATA_DIR } : {}),
    ...(env.DYNAMODB_TABLE_PREFIX ? { tablePrefix: env.DYNAMODB_TABLE_PREFIX } : {}),
  };
}

async function startDynalite(dataDir: string | undefined): Promise<{ endpoint: string; server: Server }> {
  const server = dynalite({
    ...(dataDir ? { path: dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Port 0: the system picks a free port, so parallel test files never collide.
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, server };
}

/** A client for `endpoint`. Local servers accept any credentials, but the SDK must sign with some. */
export function localClient(
  endpoint: string,
  env: Record<string, string | undefined> = process.env,
): DynamoDBClient {
  const config: DynamoDBClientConfig = {
    endpoint,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'local',
  };
  if (!env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE)
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return new DynamoDBClient(config);
}

export async function startLocalStore(
  options: LocalStoreOptions = localStoreOptionsFromEnv(),
): Promise<LocalStore> {
  const started = options.endpoint ? undefined : await startDynalite(options.dataDir);
  const endpoint = options.endpoint ?? (started?.endpoint as string);
  const client = localClient(endpoint);
  const prefix = options.tablePrefix ?? DEFAULT_TABLE_PREFIX;
  try {
    await createTables(client, prefix, TABLES);
    const tableName = physicalTableName(prefix, MAIN_TABLE);
    const stores = dynamoStores(client, tableName);
    const catalog = options.catalog === undefined ? loadCatalogFromSeeds() : options.catalog;
    if (catalog) {
      const now = (options.now ?? (() => new Date()))();
      await stores.catalogs.publish(catalog, now);
      await stores.catalogs.setCurrent(catalog.version, now);
    }
    return {
      endpoint,
      client,
      tableName,
      stores,
      async stop() {
        client.destroy();
        if (started) await new Promise<void>((resolve) => started.server.close(() => resolve()));
      },
    };
  } catch (error) {
    client.destroy();
    if (started) started.server.close();
    throw error;
  }
}

/**
 * What `npm start` needs for /v1/cases: the local store (with `catalog`
 * published) and the routes, accepting staff tokens from functions/token-cli.ts.
 */
export async function startLocalCases(
  catalog: Catalog,
  env: Record<string, string | undefined> = process.env,
): Promise<{ routes: RouteGroup; store: LocalStore; description: string }> {
  const options = localStoreOptionsFromEnv(env);
  const store = await startLocalStore({ ...options, catalog });
  const routes = caseRoutes({
    stores: store.stores,
    authenticate: localStaffTokens(loadLocalStaffSecret(env)),
  });
  const where = options.endpoint
    ? `DynamoDB at ${options.endpoint}`
    : `dynalite ${options.dataDir ? `persisted in ${options.dataDir}` : 'in memory'} at ${store.endpoint}`;
  return { routes, store, description: `cases: table ${store.tableName} on ${where}` };
}
