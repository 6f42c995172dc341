import type {
  Case,
  CaseRecord,
  CaseStatus,
  CaseSummary,
  HistoryEntry,
  MatchSnapshot,
} from '../cases/model.js';
import type { Catalog } from '../catalog/catalog.js';

// The storage ports of the case workflow. The service (shared/cases/service.ts)
// depends on these; shared/store/dynamodb-*.ts implement them on DynamoDB.
// Every write is a single-item conditional write: the adapters need no
// transactions, so dynalite, DynamoDB Local and DynamoDB behave alike.

/** Everything a new case consists of, decided before anything is written. */
export interface CaseCreation {
  case: Case;
  match: MatchSnapshot;
  opened: HistoryEntry;
}

export interface CaseFilter {
  /** Absent: every department (admins only; the service enforces that). */
  department?: string;
  status?: CaseStatus;
  limit: number;
  /** Opaque, from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor?: string;
}

export interface CaseStore {
  /**
   * Writes the case `creation` describes. Safe to repeat and to run
   * concurrently with itself: the case id decides, so all attempts write one case.
   */
  create(creation: CaseCreation): Promise<void>;
  /** The case with its history and match snapshot; undefined if there is none. */
  get(caseId: string): Promise<CaseRecord | undefined>;
  /**
   * Appends `entry` (whose `seq` is the version it produces) and moves the case
   * to `entry.state`. Throws VersionConflict when version `entry.seq - 1` is no
   * longer current, CaseNotFound when there is no case.
   */
  append(caseId: string, entry: HistoryEntry): Promise<void>;
  /** Newest change first. */
  list(filter: CaseFilter): Promise<CasePage>;
}

export interface IdempotencyRecord {
  /** SHA-256 (hex) of the Idempotency-Key; the key itself is never stored. */
  keyHash: string;
  /** SHA-256 (hex) of the canonical request; a different request under one key is a conflict. */
  requestHash: string;
  /** Epoch seconds after which the key may be used again. */
  expiresAt: number;
  /** What the first request decided, for retries to return (opaque to the store). */
  payload: Uint8Array;
}

export interface IdempotencyStore {
  /**
   * Stores `record` unless an unexpired record holds its key. Returns the
   * record that holds the key: `record` itself (`claimed`), or the earlier one.
   */
  claim(record: IdempotencyRecord, now: Date): Promise<{ claimed: boolean; record: IdempotencyRecord }>;
}

export interface CatalogStore {
  /** Stores a catalog under its version (content hash). Publishing a version twice is a no-op. */
  publish(catalog: Catalog, publishedAt: Date): Promise<void>;
  /** Throws CatalogVersionNotFound for a version never published. */
  get(version: string): Promise<Catalog>;
  /** Points the live catalog at a published version. */
  setCurrent(version: string, at: Date): Promise<void>;
  currentVersion(): Promise<string | undefined>;
}
