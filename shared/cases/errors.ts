import type { CaseStatus } from './model.js';

// The case domain's errors. Adapters translate what they catch (SDK errors,
// failed conditions) into these, keeping the original as `cause`; routes map
// them to problem responses. Messages are for logs, not for users: user-facing
// text comes from shared/i18n/*/cases.ts.

export abstract class CaseError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The case does not exist, or the caller may not know that it does. */
export class CaseNotFound extends CaseError {
  readonly code = 'case_not_found';
  constructor(
    readonly caseId: string,
    options?: { cause?: unknown },
  ) {
    super(`case ${caseId} not found`, options);
  }
}

/** The caller's version is not the case's current version (a lost update averted). */
export class VersionConflict extends CaseError {
  readonly code = 'version_conflict';
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    options?: { cause?: unknown },
  ) {
    super(`case ${caseId} is no longer at version ${expectedVersion}`, options);
  }
}

export class InvalidTransition extends CaseError {
  readonly code = 'invalid_transition';
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
    readonly allowed: readonly CaseStatus[],
  ) {
    super(`a case cannot move from ${from} to ${to}`);
  }
}

/** The Idempotency-Key was used before with a different request. */
export class IdempotencyConflict extends CaseError {
  readonly code = 'idempotency_conflict';
  constructor(options?: { cause?: unknown }) {
    super('idempotency key was used with a different request', options);
  }
}

/** The caller is known but may not do this, whichever case it names. */
export class AccessDenied extends CaseError {
  readonly code = 'access_denied';
}

/** The company chose measures the catalog does not have. */
export class UnknownPolicies extends CaseError {
  readonly code = 'unknown_policies';
  /** Each unknown id with its position in the request's `policyIds`. */
  constructor(readonly unknown: readonly { index: number; id: string }[]) {
    super(`unknown policy ids: ${unknown.map((u) => u.id).join(', ')}`);
  }
}

/** A list cursor that this service did not issue. */
export class InvalidCursor extends CaseError {
  readonly code = 'invalid_cursor';
  constructor() {
    super('list cursor is not one this service issued');
  }
}

/** No credentials were presented where some are needed (401). */
export class AuthenticationRequired extends CaseError {
  readonly code = 'authentication_required';
  constructor() {
    super('credentials are required');
  }
}

/** The Idempotency-Key header is missing or not a usable key. */
export class InvalidIdempotencyKey extends CaseError {
  readonly code = 'invalid_idempotency_key';
  constructor(readonly missing: boolean) {
    super(missing ? 'Idempotency-Key header is required' : 'Idempotency-Key is not a usable key');
  }
}
