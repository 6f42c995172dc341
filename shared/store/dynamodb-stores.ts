import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCaseStore } from './dynamodb-cases.js';
import { DynamoCatalogStore } from './dynamodb-catalog.js';
import { DynamoIdempotencyStore } from './dynamodb-idempotency.js';
import type { CaseStore, CatalogStore, IdempotencyStore } from './ports.js';

export interface Stores {
  cases: CaseStore;
  idempotency: IdempotencyStore;
  catalogs: CatalogStore;
}

/** All stores on the one table (see ./tables.ts). */
export function dynamoStores(client: DynamoDBClient, tableName: string): Stores {
  return {
    cases: new DynamoCaseStore(client, tableName),
    idempotency: new DynamoIdempotencyStore(client, tableName),
    catalogs: new DynamoCatalogStore(client, tableName),
  };
}
