import type { cases as zh } from '../zh/cases.js';

export const cases: typeof zh = {
  status: {
    new: 'New',
    triaged: 'Triaged',
    contacted: 'Contacted',
    applying: 'Applying',
    approved: 'Approved',
    declined: 'Declined',
    withdrawn: 'Withdrawn',
    closed: 'Closed',
  },
  problems: {
    authenticationRequired: {
      title: 'Credentials required',
      detail: "Use a staff token (Authorization: Bearer …), or give the case's access token as ?token=.",
    },
    invalidCredentials: { title: 'Invalid credentials', detail: 'The token is invalid or has expired.' },
    accessDenied: {
      title: 'Not allowed',
      detail: "Only staff of the case's department may do this.",
    },
    staffWithoutDepartment: {
      title: 'Token names no department',
      detail: 'A staff token must name the department the holder works for.',
    },
    otherDepartment: {
      title: "Only your department's cases",
      detail: 'You can see the cases of your own department ({department}) only.',
    },
    caseNotFound: {
      title: 'Case not found',
      detail: 'Case {id} does not exist, or you may not see it.',
    },
    preconditionRequired: {
      title: 'If-Match header required',
      detail: 'Changing a case needs the ETag you read it with in If-Match, for example If-Match: "3".',
    },
    versionConflict: {
      title: 'Case has changed',
      detail: 'The case is no longer at version {version}; read it again, then change it.',
    },
    invalidTransition: {
      title: 'Status change not allowed',
      detail: 'A case cannot move from "{from}" to "{to}". It can move to: {allowed}.',
    },
    noFurtherStatus: 'nothing (the case is closed)',
    idempotencyKeyMissing: {
      title: 'Idempotency-Key header required',
      detail: 'Creating a case needs an Idempotency-Key header, so that a retry does not create it twice.',
    },
    idempotencyKeyInvalid: {
      title: 'Unusable Idempotency-Key',
      detail: 'An Idempotency-Key is 16 to 255 visible ASCII characters; a UUID is a good choice.',
    },
    idempotencyConflict: {
      title: 'Idempotency-Key used for another request',
      detail: 'An Idempotency-Key may only be reused with the same request; use a new key for a new request.',
    },
    unknownPolicies: { title: 'Unknown policies', detail: 'These policy ids are not in the catalog: {ids}.' },
    invalidCursor: { title: 'Invalid cursor', detail: 'Use the nextCursor of the previous page.' },
    catalogVersionUnavailable: {
      title: 'Catalog version unavailable',
      detail:
        'Catalog version {version}, which the case was decided with, cannot be read; it cannot be replayed.',
    },
    storeUnavailable: {
      title: 'Service temporarily unavailable',
      detail: 'The data store is temporarily unavailable; please try again shortly.',
    },
  },
  replay: {
    identical: 'The replay matches the record (catalog version {catalogVersion}, as of {asOf}).',
    different:
      'The replay differs from the record in {count} places (catalog version {catalogVersion}, as of {asOf}).',
  },
};
