import { randomUUID } from 'node:crypto';
import { hashAccessToken, newAccessToken } from '../auth/access-token.js';
import type { Principal } from '../auth/principal.js';
import { type CompiledCatalog, compileCatalog, match } from '../engine/index.js';
import type { MatchResult } from '../engine/types.js';
import { gunzipJson, gzipJson } from '../store/codec.js';
import type { CaseCreation, CasePage, CaseStore, CatalogStore, IdempotencyStore } from '../store/ports.js';
import { actorOf, requireReader, requireStaff, visibleCase } from './access.js';
import {
  AccessDenied,
  IdempotencyConflict,
  InvalidIdempotencyKey,
  InvalidTransition,
  UnknownPolicies,
  VersionConflict,
} from './errors.js';
import {
  IDEMPOTENCY_TTL_SECONDS,
  idempotencyKeyHash,
  isUsableIdempotencyKey,
  openAccessToken,
  requestHash,
  sealAccessToken,
} from './idempotency.js';
import type {
  Case,
  CaseRecord,
  CreateCaseRequest,
  HistoryEntry,
  ListCasesQuery,
  MatchSnapshot,
  UpdateCaseRequest,
} from './model.js';
import { type Difference, diffMatches } from './replay.js';
import { routeCase } from './routing.js';
import { canTransition, INITIAL_STATUS, TRANSITIONS } from './workflow.js';

// The case workflow: create (idempotent, routed), read, change (locked,
// audited), list, replay. Access rules are in ./access.ts, storage behind the
// ports of shared/store/ports.ts. No clock is read here: `clock` and `today`
// come from the caller.

export interface CaseServiceDeps {
  cases: CaseStore;
  idempotency: IdempotencyStore;
  catalogs: CatalogStore;
  /** The catalog the service matches with now. */
  catalog: () => CompiledCatalog;
  clock: () => Date;
  /** Today's date in Shenzhen (YYYY-MM-DD), the `asOf` of a new case's match. */
  today: () => string;
  newCaseId?: () => string;
}

export interface CreatedCase {
  record: CaseRecord;
  /** The company's token, returned by creation (and its retries) only. */
  accessToken: string;
  /** True when an earlier request with the same key created the case. */
  replayed: boolean;
}

export interface ReplayReport {
  caseId: string;
  catalogVersion: string;
  asOf: string;
  lang: MatchSnapshot['lang'];
  engineVersion: { recorded: string; replayed: string };
  department: { recorded: string; replayed: string };
  identical: boolean;
  differences: Difference[];
}

/** What the idempotency record holds: the creation, and the token sealed by the key. */
interface CreationIntent {
  creation: CaseCreation;
  sealedAccessToken: string;
}

const COMPILED_CACHE_SIZE = 8;

/** The parts of a match a case keeps, and a replay compares. */
export function snapshotOf(m: MatchResult): MatchSnapshot {
  const { catalogVersion, engineVersion, asOf, lang, profile, warnings, results } = m;
  return { catalogVersion, engineVersion, asOf, lang, profile, warnings, results };
}

function recordOf({ case: c, match: snapshot, opened }: CaseCreation): CaseRecord {
  return { case: c, history: [opened], match: snapshot };
}

export class CaseService {
  private readonly published = new Set<string>();
  private readonly compiled = new Map<string, CompiledCatalog>();
  private readonly newCaseId: () => string;

  constructor(private readonly deps: CaseServiceDeps) {
    this.newCaseId = deps.newCaseId ?? randomUUID;
  }

  /**
   * Opens a case, or returns the case an earlier request with the same
   * Idempotency-Key and the same body opened (see ./idempotency.ts).
   */
  async create(
    request: CreateCaseRequest,
    idempotencyKey: string | undefined,
    principal: Principal,
  ): Promise<CreatedCase> {
    if (!idempotencyKey) throw new InvalidIdempotencyKey(true);
    if (!isUsableIdempotencyKey(idempotencyKey)) throw new InvalidIdempotencyKey(false);
    const compiled = this.deps.catalog();
    const unknown = (request.policyIds ?? [])
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !compiled.byId.has(id));
    if (unknown.length) throw new UnknownPolicies(unknown);

    const now = this.deps.clock();
    const at = now.toISOString();
    // A case must never name a catalog version the store cannot give back for a replay.
    await this.ensurePublished(compiled, now);
    const result = match(compiled, request.profile, {
      asOf: this.deps.today(),
      lang: request.lang ?? 'zh',
    });
    const policyIds = [...new Set(request.policyIds ?? [])];
    const accessToken = newAccessToken();
    const state = { status: INITIAL_STATUS, assignee: null, updatedAt: at };
    const c: Case = {
      id: this.newCaseId(),
      version: 1,
      ...state,
      department: routeCase(result.results, policyIds),
      profile: request.profile,
      policyIds,
      contact: request.contact,
      ...(request.note ? { note: request.note } : {}),
      createdAt: at,
      accessTokenHash: hashAccessToken(accessToken),
    };
    const opened: HistoryEntry = {
      seq: 1,
      at,
      by: actorOf(principal),
      from: null,
      to: INITIAL_STATUS,
      ...(request.note ? { note: request.note } : {}),
      state,
    };
    const intent: CreationIntent = {
      creation: { case: c, match: snapshotOf(result), opened },
      sealedAccessToken: sealAccessToken(accessToken, idempotencyKey, c.id),
    };

    const requestDigest = requestHash(request);
    const claim = await this.deps.idempotency.claim(
      {
        keyHash: idempotencyKeyHash(idempotencyKey),
        requestHash: requestDigest,
        expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
        payload: gzipJson(intent),
      },
      now,
    );
    if (!claim.claimed && claim.record.requestHash !== requestDigest) throw new IdempotencyConflict();
    const held = claim.claimed ? intent : gunzipJson<CreationIntent>(claim.record.payload);
    // Whoever holds the intent finishes writing it: the first request, or a
    // retry whose first attempt died half-way. The writes are idempotent.
    await this.deps.cases.create(held.creation);
    return {
      record: recordOf(held.creation),
      accessToken: claim.claimed
        ? accessToken
        : openAccessToken(held.sealedAccessToken, idempotencyKey, held.creation.case.id),
      replayed: !claim.claimed,
    };
  }

  async read(caseId: string, principal: Principal): Promise<CaseRecord> {
    const reader = requireReader(principal);
    return visibleCase(reader, caseId, await this.deps.cases.get(caseId));
  }

  /**
   * Applies a staff member's change to the version they read. The order of the
   * checks is the order of the answers: not visible (404), stale (412), not a
   * workflow step (409). A change that changes nothing and says nothing is not
   * recorded: the case comes back as it is.
   */
  async update(
    caseId: string,
    change: UpdateCaseRequest,
    expectedVersion: number,
    principal: Principal,
  ): Promise<CaseRecord> {
    const staff = requireStaff(principal);
    const record = visibleCase(staff, caseId, await this.deps.cases.get(caseId));
    const current = record.case;
    if (current.version !== expectedVersion) throw new VersionConflict(caseId, expectedVersion);

    const to = change.status ?? current.status;
    if (to !== current.status && !canTransition(current.status, to))
      throw new InvalidTransition(current.status, to, TRANSITIONS[current.status]);
    const assignee = change.assignee === undefined ? current.assignee : change.assignee;
    if (to === current.status && assignee === current.assignee && change.note === undefined) return record;

    const at = this.deps.clock().toISOString();
    const entry: HistoryEntry = {
      seq: current.version + 1,
      at,
      by: actorOf(staff),
      from: current.status,
      to,
      ...(assignee !== current.assignee ? { assignee: { from: current.assignee, to: assignee } } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      state: { status: to, assignee, updatedAt: at },
    };
    await this.deps.cases.append(caseId, entry);
    return {
      ...record,
      case: { ...current, ...entry.state, version: entry.seq },
      history: [...record.history, entry],
    };
  }

  /** Staff see their department's cases; admins anyone's, or one department's. */
  async list(query: ListCasesQuery, principal: Principal): Promise<CasePage> {
    const staff = requireStaff(principal);
    let department = query.department;
    if (staff.role === 'staff') {
      if (department !== undefined && department !== staff.department)
        throw new AccessDenied(`staff of ${staff.department} asked for ${department}`);
      department = staff.department;
    }
    return this.deps.cases.list({
      ...(department !== undefined ? { department } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      limit: query.limit,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
    });
  }

  /**
   * Re-evaluates the stored profile against the catalog version the case was
   * decided with, read back from the catalog store (never the live catalog,
   * even when the versions agree: the point is that the stored one is there).
   */
  async replay(caseId: string, principal: Principal): Promise<ReplayReport> {
    const { case: c, match: recorded } = await this.read(caseId, principal);
    const compiled = await this.compiledVersion(recorded.catalogVersion);
    const replayed = snapshotOf(match(compiled, c.profile, { asOf: recorded.asOf, lang: recorded.lang }));
    const differences = diffMatches(recorded, replayed);
    const department = { recorded: c.department, replayed: routeCase(replayed.results, c.policyIds) };
    if (department.recorded !== department.replayed)
      differences.push({ path: 'department', recorded: department.recorded, replayed: department.replayed });
    return {
      caseId: c.id,
      catalogVersion: recorded.catalogVersion,
      asOf: recorded.asOf,
      lang: recorded.lang,
      engineVersion: { recorded: recorded.engineVersion, replayed: replayed.engineVersion },
      department,
      identical: differences.length === 0,
      differences,
    };
  }

  private async ensurePublished(compiled: CompiledCatalog, now: Date): Promise<void> {
    if (this.published.has(compiled.version)) return;
    await this.deps.catalogs.publish(compiled.catalog, now);
    this.published.add(compiled.version);
  }

  private async compiledVersion(version: string): Promise<CompiledCatalog> {
    const cached = this.compiled.get(version);
    if (cached) return cached;
    const compiled = compileCatalog(await this.deps.catalogs.get(version));
    if (this.compiled.size >= COMPILED_CACHE_SIZE)
      this.compiled.delete(this.compiled.keys().next().value as string);
    this.compiled.set(version, compiled);
    return compiled;
  }
}
