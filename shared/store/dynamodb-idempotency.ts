import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { attempt, documentClient, isConditionFailed, storeError } from './dynamodb.js';
import { StoreFailure } from './errors.js';
import type { IdempotencyRecord, IdempotencyStore } from './ports.js';

// IdempotencyStore on DynamoDB: one item per key hash. The conditional put is
// the whole mechanism: of any number of concurrent requests with one key,
// exactly one creates the item; the others read it back (strongly consistent)
// and follow it. TTL deletes records some time after `expiresAt`, so a record
// past its time counts as absent even while it is still stored.

const SK = 'IDEM';
const pkOf = (keyHash: string) => `IDEM#${keyHash}`;
/** A claim that keeps losing to records that expire under it is a bug, not contention. */
const MAX_ATTEMPTS = 5;

export class DynamoIdempotencyStore implements IdempotencyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async claim(
    record: IdempotencyRecord,
    now: Date,
  ): Promise<{ claimed: boolean; record: IdempotencyRecord }> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const pk = pkOf(record.keyHash);
    for (let tries = 0; tries < MAX_ATTEMPTS; tries++) {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { pk, sk: SK, ...record },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds },
          }),
        );
        return { claimed: true, record };
      } catch (error) {
        if (!isConditionFailed(error)) throw storeError(error, 'PutItem idempotency');
      }
      const { Item: held } = await attempt('GetItem idempotency', () =>
        this.doc.send(
          new GetCommand({ TableName: this.tableName, Key: { pk, sk: SK }, ConsistentRead: true }),
        ),
      );
      // Gone or expired between our put and our read: try to claim it again.
      if (!held || Number(held.expiresAt) <= nowSeconds) continue;
      return {
        claimed: false,
        record: {
          keyHash: String(held.keyHash),
          requestHash: String(held.requestHash),
          expiresAt: Number(held.expiresAt),
          payload: held.payload as Uint8Array,
        },
      };
    }
    throw new StoreFailure(`idempotency key ${record.keyHash} could not be claimed or read`);
  }
}
