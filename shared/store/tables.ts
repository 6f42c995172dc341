// The one definition of the service's DynamoDB table, read by both the CDK stack
// (infra/) and the local store bootstrap (dynalite / DynamoDB Local), so the
// keys in production and in tests cannot drift apart.
//
// Single-table design (one table, `pk`/`sk` strings). Every write is one
// conditional single-item write; nothing relies on transactions.
//
//   item                        pk                   sk                     notes
//   case                        CASE#<caseId>        CASE                   current state, `version`, gsi1/gsi2 keys
//   case history entry          CASE#<caseId>        HIST#<seq:6>           append-only (attribute_not_exists), never updated;
//                                                                           seq = the case version it produced
//   case match snapshot         CASE#<caseId>        SNAPSHOT               immutable, gzip JSON `body`
//   idempotency record          IDEM#<sha256(key)>   IDEM                   creation intent; `expiresAt` (TTL, epoch seconds)
//   published catalog version   CATALOG#<version>    CATALOG                immutable header: publish id, part count
//   catalog body part           CATALOG#<version>    PART#<publishId>#<n:4> gzip JSON slices (items are capped at 400 KB)
//   current catalog pointer     CATALOG              CURRENT                version of the live catalog
//
// One Query on pk = CASE#<id> reads a case, its whole history and its snapshot.
// Only case items carry index keys, so both indexes are sparse:
//   gsi1: a department's cases by status, newest change first (staff lists)
//     gsi1pk = DEPT#<department>#STATUS#<status>, gsi1sk = <updatedAt ISO>#<caseId>
//   gsi2: all departments' cases by status, newest change first (admin lists)
//     gsi2pk = STATUS#<status>,                   gsi2sk = <updatedAt ISO>#<caseId>
// A list without a status filter queries each status's partition and merges by
// the shared sort key (shared/store/dynamodb-cases.ts).

export type KeyType = 'S' | 'N' | 'B';

export interface KeyDefinition {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
  /** Which attributes the index holds; ALL when absent. */
  projection?: 'ALL' | 'KEYS_ONLY';
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
      projection: 'ALL',
    },
    {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      projection: 'ALL',
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

export const TABLES: readonly TableDefinition[] = [MAIN_TABLE];
