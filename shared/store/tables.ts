// The one definition of the service's DynamoDB table, read by both the CDK stack
// (infra/) and the local store bootstrap (dynalite / DynamoDB Local), so the
// keys in production and in tests cannot drift apart.
//
// Single-table design (one table, `pk`/`sk` strings):
//
//   item                        pk                        sk                 notes
//   case                        CASE#<caseId>             CASE               current state + version, gsi1 keys
//   case history entry          CASE#<caseId>             HIST#<seq:6>       append-only, never updated
//   idempotency record          IDEM#<sha256(key)>        IDEM               expiresAt (TTL, epoch seconds)
//   published catalog version   CATALOG#<version>         CATALOG            immutable, gzip JSON body
//   current catalog pointer     CATALOG                   CURRENT            version of the live catalog
//
// GSI1 lists a department's cases by status, newest first:
//   gsi1pk = DEPT#<department>#STATUS#<status>, gsi1sk = <updatedAt ISO>#<caseId>
// How admins list across departments is decided in the DynamoDB adapter
// (shared/store/); keep this map in step with it.

export type KeyType = 'S' | 'N' | 'B';

export interface KeyDefinition {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
}

export interface TableDefinition {
  /** Logical id; the physical name gets a stage prefix in AWS and locally. */
  id: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
  globalSecondaryIndexes: IndexDefinition[];
  /** Attribute holding epoch seconds after which DynamoDB may delete the item. */
  timeToLiveAttribute?: string;
}

export const MAIN_TABLE: TableDefinition = {
  id: 'Main',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

export const TABLES: readonly TableDefinition[] = [MAIN_TABLE];
