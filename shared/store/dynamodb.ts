import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CaseError } from '../cases/errors.js';
import { StoreError, StoreFailure, StoreUnavailable } from './errors.js';
import type { TableDefinition } from './tables.js';

// What the DynamoDB adapters share: the document client, the translation of SDK
// errors into store errors, reading a whole query, and creating tables from
// shared/store/tables.ts for local use and tests (in AWS the CDK stack creates
// them from the same definition).

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function isConditionFailed(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: unknown } | undefined)?.name === 'ConditionalCheckFailedException'
  );
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * An SDK error as a store error, keeping it as `cause`. Errors that are already
 * domain or store errors pass through. Throttling, server faults and network
 * failures are StoreUnavailable (worth a retry later); the rest StoreFailure.
 */
export function storeError(error: unknown, operation: string): Error {
  if (error instanceof StoreError || error instanceof CaseError) return error;
  const e = error as
    | {
        name?: string;
        code?: string;
        $retryable?: unknown;
        $fault?: string;
        $metadata?: { httpStatusCode?: number };
      }
    | undefined;
  const unavailable =
    e?.$retryable !== undefined ||
    e?.$fault === 'server' ||
    (e?.$metadata?.httpStatusCode ?? 0) >= 500 ||
    e?.name === 'TimeoutError' ||
    (e?.code !== undefined && NETWORK_CODES.has(e.code));
  return unavailable
    ? new StoreUnavailable(`${operation}: DynamoDB is unavailable`, { cause: error })
    : new StoreFailure(`${operation} failed`, { cause: error });
}

/** Runs one SDK call, translating what it throws (see storeError). */
export async function attempt<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw storeError(error, operation);
  }
}

/** Every item a query matches: DynamoDB returns at most 1 MB a page, so the pages are followed. */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  operation: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await attempt(operation, () =>
      doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey })),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export function physicalTableName(prefix: string, table: TableDefinition): string {
  return `${prefix}${table.id}`;
}

function createTableInput(prefix: string, table: TableDefinition): CreateTableCommandInput {
  const keys = [table.partitionKey, table.sortKey];
  for (const index of table.globalSecondaryIndexes) keys.push(index.partitionKey, index.sortKey);
  const attributes = new Map<string, string>();
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: physicalTableName(prefix, table),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N' | 'B',
    })),
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(table.globalSecondaryIndexes.length
      ? {
          GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: index.projection ?? 'ALL' },
          })),
        }
      : {}),
  };
}

/**
 * Creates the tables of `tables` named `<prefix><id>` and waits until they are
 * active; tables that exist are left as they are. Returns the physical names by id.
 */
export async function createTables(
  client: DynamoDBClient,
  prefix: string,
  tables: readonly TableDefinition[],
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const table of tables) {
    const input = createTableInput(prefix, table);
    const name = input.TableName as string;
    names[table.id] = name;
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceInUseException')
        throw storeError(error, 'CreateTable');
    }
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: name });
    if (table.timeToLiveAttribute) {
      try {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
          }),
        );
      } catch (error) {
        // dynalite has no TTL, and a table created earlier already has it
        // (ValidationException "TimeToLive is already enabled"). Expired items
        // are ignored on read either way; TTL only sweeps them away.
        const name = (error as { name?: string }).name;
        if (name !== 'UnknownOperationException' && name !== 'ValidationException')
          throw storeError(error, 'UpdateTimeToLive');
      }
    }
  }
  return names;
}
