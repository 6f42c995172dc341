import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { CaseNotFound, InvalidCursor, VersionConflict } from '../cases/errors.js';
import type {
  Case,
  CaseRecord,
  CaseState,
  CaseStatus,
  CaseSummary,
  HistoryEntry,
  MatchSnapshot,
} from '../cases/model.js';
import { CASE_STATUSES } from '../cases/workflow.js';
import { gunzipJson, gzipJson } from './codec.js';
import { attempt, documentClient, isConditionFailed, queryAll, storeError } from './dynamodb.js';
import type { CaseCreation, CaseFilter, CasePage, CaseStore } from './ports.js';

// CaseStore on DynamoDB: the key layout is written down in ./tables.ts.
//
// Why the writes happen in the order they do (there are no transactions):
//
// Creating a case writes three items: the match snapshot, the first history
// entry, then the case item. The case item goes last because it is what makes a
// case exist: `get` and the list indexes only see a case whose snapshot and
// history are already there. Each write is `attribute_not_exists`, and the
// case id was fixed before the first write (in the idempotency record), so a
// retry after a crash, or a concurrent retry, writes the same items again or
// finds them written; it never makes a second case. A crash before the case item
// leaves invisible leftovers that the client's retry completes.
//
// Changing a case writes the history entry first, then the case item:
//   1. put HIST#<v+1> if it does not exist: the entry holds the full change
//      (who, when, from, to, note) and the state it leads to. This conditional
//      put is the lock: of any number of writers that read version v, exactly
//      one creates HIST#<v+1>; the others get VersionConflict (412).
//   2. update the case item to that state and version v+1, if its version is
//      still below v+1.
// A crash between 1 and 2 loses nothing and applies nothing by halves: the
// change is durable in the history, and every reader (`get`) that finds a
// history entry newer than the case item rolls the case item forward to it
// before answering. The reverse order could lose the audit entry of a change
// that was applied.

const CASE_SK = 'CASE';
const SNAPSHOT_SK = 'SNAPSHOT';
const HIST_PREFIX = 'HIST#';
const SEQ_DIGITS = 6;

const casePk = (id: string) => `CASE#${id}`;
const historySk = (seq: number) => `${HIST_PREFIX}${String(seq).padStart(SEQ_DIGITS, '0')}`;
const changeKey = (state: Pick<CaseState, 'updatedAt'>, id: string) => `${state.updatedAt}#${id}`;

/** The list partition of cases in `status`: of one department (gsi1), or of all (gsi2). */
const indexPartition = (status: CaseStatus, department?: string) =>
  department === undefined ? `STATUS#${status}` : `DEPT#${department}#STATUS#${status}`;

function indexKeys(department: string, status: CaseStatus, sortKey: string) {
  return {
    gsi1pk: indexPartition(status, department),
    gsi1sk: sortKey,
    gsi2pk: indexPartition(status),
    gsi2sk: sortKey,
  };
}

type CaseItem = Case & { pk: string; sk: string; companyName?: string };
type HistoryItem = HistoryEntry & { pk: string; sk: string };

function caseFromItem(item: Record<string, unknown>): Case {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, companyName, ...rest } = item as CaseItem &
    Record<string, unknown>;
  return { ...(rest as unknown as Case), assignee: (rest.assignee as string | null | undefined) ?? null };
}

function historyFromItem(item: Record<string, unknown>): HistoryEntry {
  const { pk, sk, ...entry } = item as unknown as HistoryItem;
  return entry;
}

function summaryFromItem(item: Record<string, unknown>): CaseSummary {
  const c = item as unknown as CaseItem;
  return {
    id: c.id,
    status: c.status,
    department: c.department,
    assignee: c.assignee ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
    ...(c.companyName ? { companyName: c.companyName } : {}),
  };
}

/** Cursor of a list page: the sort key of its last item (all partitions share the key space). */
const encodeCursor = (sortKey: string) => Buffer.from(sortKey, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string | undefined {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]+$/.test(sortKey) ? sortKey : undefined;
}

export class DynamoCaseStore implements CaseStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  /** A put that succeeds, or finds its item already written by an earlier attempt. */
  private async putOnce(item: object, operation: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw storeError(error, operation);
    }
  }

  async create({ case: c, match, opened }: CaseCreation): Promise<void> {
    const pk = casePk(c.id);
    await this.putOnce({ pk, sk: SNAPSHOT_SK, body: gzipJson(match) }, 'PutItem snapshot');
    await this.putOnce({ pk, sk: historySk(opened.seq), ...opened }, 'PutItem history');
    const item: CaseItem = {
      pk,
      sk: CASE_SK,
      ...c,
      ...(c.profile.name ? { companyName: c.profile.name } : {}),
      ...indexKeys(c.department, c.status, changeKey(c, c.id)),
    };
    await this.putOnce(item, 'PutItem case');
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': casePk(caseId) },
        ConsistentRead: true,
      },
      'Query case',
    );

    const caseItem = items.find((i) => i.sk === CASE_SK);
    const snapshotItem = items.find((i) => i.sk === SNAPSHOT_SK);
    if (!caseItem || !snapshotItem) return undefined;
    const history = items
      .filter((i) => String(i.sk).startsWith(HIST_PREFIX))
      .map(historyFromItem)
      .sort((a, b) => a.seq - b.seq);
    let current = caseFromItem(caseItem);
    const latest = history.at(-1);
    if (latest && latest.seq > current.version) {
      // A change whose writer stopped after step 1: finish it (see the top).
      await this.rollForward(current, latest);
      current = { ...current, ...latest.state, version: latest.seq };
    }
    return {
      case: current,
      history,
      match: gunzipJson<MatchSnapshot>(snapshotItem.body as Uint8Array),
    };
  }

  async append(caseId: string, entry: HistoryEntry): Promise<void> {
    const pk = casePk(caseId);
    const found = await attempt('GetItem case', () =>
      this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { pk, sk: CASE_SK }, ConsistentRead: true }),
      ),
    );
    if (!found.Item) throw new CaseNotFound(caseId);
    const current = caseFromItem(found.Item);
    if (current.version >= entry.seq) throw new VersionConflict(caseId, entry.seq - 1);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk, sk: historySk(entry.seq), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw new VersionConflict(caseId, entry.seq - 1, { cause: error });
      throw storeError(error, 'PutItem history');
    }
    await this.rollForward(current, entry);
  }

  /** Step 2: moves the case item to an entry's state, unless it is already there or beyond. */
  private async rollForward(current: Case, entry: HistoryEntry): Promise<void> {
    const keys = indexKeys(current.department, entry.state.status, changeKey(entry.state, current.id));
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: casePk(current.id), sk: CASE_SK },
          UpdateExpression:
            'SET #status = :status, assignee = :assignee, updatedAt = :updatedAt, version = :seq, ' +
            'gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND version < :seq',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': entry.state.status,
            ':assignee': entry.state.assignee,
            ':updatedAt': entry.state.updatedAt,
            ':seq': entry.seq,
            ':gsi1pk': keys.gsi1pk,
            ':gsi1sk': keys.gsi1sk,
            ':gsi2pk': keys.gsi2pk,
            ':gsi2sk': keys.gsi2sk,
          },
        }),
      );
    } catch (error) {
      // Already at this version or later: another reader finished it first.
      if (!isConditionFailed(error)) throw storeError(error, 'UpdateItem case');
    }
  }

  async list(filter: CaseFilter): Promise<CasePage> {
    const before = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    if (filter.cursor !== undefined && before === undefined) throw new InvalidCursor();
    const statuses = filter.status ? [filter.status] : CASE_STATUSES;
    const byIndex = filter.department === undefined ? 'gsi2' : 'gsi1';
    const pages = await Promise.all(
      statuses.map((status) => {
        const input: QueryCommandInput = {
          TableName: this.tableName,
          IndexName: byIndex,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': `${byIndex}pk` },
          ExpressionAttributeValues: { ':pk': indexPartition(status, filter.department) },
          ScanIndexForward: false,
          Limit: filter.limit,
        };
        if (before !== undefined) {
          input.KeyConditionExpression = '#pk = :pk AND #sk < :before';
          input.ExpressionAttributeNames = { ...input.ExpressionAttributeNames, '#sk': `${byIndex}sk` };
          input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':before': before };
        }
        return attempt('Query case list', () => this.doc.send(new QueryCommand(input)));
      }),
    );
    const sortKeyOf = (item: Record<string, unknown>) => String(item[`${byIndex}sk`]);
    const merged = pages
      .flatMap((p) => p.Items ?? [])
      .sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? 1 : sortKeyOf(a) > sortKeyOf(b) ? -1 : 0));
    const items = merged.slice(0, filter.limit);
    const more = merged.length > filter.limit || pages.some((p) => p.LastEvaluatedKey !== undefined);
    const last = items.at(-1);
    return {
      items: items.map(summaryFromItem),
      ...(more && last ? { nextCursor: encodeCursor(sortKeyOf(last)) } : {}),
    };
  }
}
