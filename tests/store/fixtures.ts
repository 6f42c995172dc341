import { randomUUID } from 'node:crypto';
import { hashAccessToken } from '../../shared/auth/access-token.js';
import type { Case, CaseState, HistoryEntry, MatchSnapshot } from '../../shared/cases/model.js';
import { snapshotOf } from '../../shared/cases/service.js';
import { match } from '../../shared/engine/index.js';
import type { CaseCreation } from '../../shared/store/ports.js';
import { catalog } from '../api/helpers.js';

// Cases as the service would create them, with a real match of the seed
// catalog as their snapshot (a realistic size for the gzip path).

export const PROFILE = {
  registeredInLuohu: true,
  industry: { tracks: ['low_altitude'] },
  annualRevenueCny: 30_000_000,
};

let snapshot: MatchSnapshot | undefined;
export function matchSnapshot(): MatchSnapshot {
  snapshot ??= snapshotOf(match(catalog, PROFILE, { asOf: '2025-06-30', lang: 'zh' }));
  return snapshot;
}

export function caseCreation(overrides: Partial<Case> = {}): CaseCreation {
  const at = overrides.updatedAt ?? '2025-06-30T02:00:00.000Z';
  const state: CaseState = { status: 'new', assignee: null, updatedAt: at };
  const c: Case = {
    id: randomUUID(),
    version: 1,
    ...state,
    department: '区科技创新局',
    profile: { ...PROFILE, name: '深圳市测试无人机有限公司' },
    policyIds: [],
    contact: { name: '王经理', phone: '0755-12345678' },
    note: '想了解低空政策',
    createdAt: at,
    accessTokenHash: hashAccessToken(randomUUID()),
    ...overrides,
  };
  const opened: HistoryEntry = {
    seq: 1,
    at: c.createdAt,
    by: { role: 'company' },
    from: null,
    to: 'new',
    state: { status: c.status, assignee: c.assignee, updatedAt: c.updatedAt },
  };
  return { case: c, match: matchSnapshot(), opened };
}

/** The entry a staff member's change to `version` would append. */
export function change(
  version: number,
  state: Partial<CaseState> & Pick<CaseState, 'status'>,
  from: CaseState['status'],
  at = `2025-07-01T0${Math.min(version, 9)}:00:00.000Z`,
): HistoryEntry {
  return {
    seq: version + 1,
    at,
    by: { role: 'staff', sub: 'alice', department: '区科技创新局' },
    from,
    to: state.status,
    state: { assignee: null, updatedAt: at, ...state },
  };
}
