import { accessTokenMatches, hashAccessToken } from '../auth/access-token.js';
import type { Principal, StaffClaims } from '../auth/principal.js';
import { AccessDenied, AuthenticationRequired, CaseNotFound } from './errors.js';
import type { Actor, Case } from './model.js';

// Who may see and change which case. Answers never tell an outsider whether a
// case exists: no credentials is 401 and a role that may never do this is 403,
// both decided before any case is looked at; a case the caller may not see is
// 404, exactly like a case that does not exist.

type Staff = Extract<Principal, { kind: 'staff' }>;

/** Staff who may work cases: admins, or staff with a department. Others: 401/403. */
export function requireStaff(principal: Principal): Staff {
  if (principal.kind === 'anonymous') throw new AuthenticationRequired();
  if (principal.kind === 'company') throw new AccessDenied('company tokens open only their own case');
  if (principal.role === 'staff' && !principal.department)
    throw new AccessDenied('staff token names no department');
  return principal;
}

/** Anyone who may read some case: staff as above, or a company with a token. */
export function requireReader(principal: Principal): Staff | Extract<Principal, { kind: 'company' }> {
  return principal.kind === 'company' ? principal : requireStaff(principal);
}

function staffMaySee(staff: Pick<StaffClaims, 'role' | 'department'>, c: Pick<Case, 'department'>): boolean {
  return staff.role === 'admin' || staff.department === c.department;
}

// Compared against when there is no case, so that a wrong token costs the same
// time whether or not the case exists.
const NO_CASE_HASH = hashAccessToken('no case');

/** The case if `reader` may see it; CaseNotFound otherwise, whatever the reason. */
export function visibleCase<T extends { case: Case }>(
  reader: Staff | Extract<Principal, { kind: 'company' }>,
  caseId: string,
  record: T | undefined,
): T {
  const visible =
    reader.kind === 'company'
      ? accessTokenMatches(reader.accessToken, record?.case.accessTokenHash ?? NO_CASE_HASH) &&
        record !== undefined
      : record !== undefined && staffMaySee(reader, record.case);
  if (!visible || !record) throw new CaseNotFound(caseId);
  return record;
}

export function actorOf(principal: Principal): Actor {
  if (principal.kind !== 'staff') return { role: 'company' };
  return {
    role: principal.role,
    sub: principal.sub,
    ...(principal.department ? { department: principal.department } : {}),
  };
}
