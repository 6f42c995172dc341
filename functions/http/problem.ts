import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fill, type Lang, type Messages, messagesFor } from '../../shared/i18n/index.js';
import type { ApiEnv } from './env.js';
import { DEFAULT_LANG } from './lang.js';

// RFC 9457 problem details. Every error response of the API is built here, so
// none can carry a stack trace or an SDK message: only text from the i18n tables.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `profile.annualRevenueCny` or `tracks[0]`. */
  path: string;
  message: string;
}

export interface ProblemText {
  title: string;
  detail: string;
  errors?: FieldError[];
}

/** Problem `type` URIs are relative: `/problems/validation-error` redirects to its entry on /docs. */
export function problemType(slug: string): string {
  return `/problems/${slug}`;
}

/**
 * An error that becomes a problem response. `describe` renders the text in the
 * request's language at response time, so a handler can throw without knowing it.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly describe: (lang: Lang) => ProblemText,
    readonly headers: Record<string, string> = {},
  ) {
    super(slug);
    this.name = 'ProblemError';
  }
}

interface ProblemTitleAndDetail {
  title: string;
  detail: string;
}
/** The entries of an i18n `problems` table that are problems (title and detail), not bare strings. */
type TitledKeys<T> = { [K in keyof T]: T[K] extends ProblemTitleAndDetail ? K : never }[keyof T];

interface ProblemKindEntry {
  status: ContentfulStatusCode;
  slug: string;
}

// The one registry of problem kinds: every problem the API answers with is one
// of these, so its `type` (/problems/<slug>) leads to an entry on /docs. A
// kind's text is `<area>.problems.<kind>` in the i18n tables: `api` for the
// HTTP layer's own problems, `cases` for the cases routes'.

const API_KINDS = {
  validation: { status: 400, slug: 'validation-error' },
  malformedJson: { status: 400, slug: 'malformed-json' },
  malformedJsonAt: { status: 400, slug: 'malformed-json' },
  emptyBody: { status: 400, slug: 'malformed-json' },
  invalidEncoding: { status: 400, slug: 'malformed-json' },
  tooDeep: { status: 400, slug: 'malformed-json' },
  notFound: { status: 404, slug: 'not-found' },
  policyNotFound: { status: 404, slug: 'not-found' },
  methodNotAllowed: { status: 405, slug: 'method-not-allowed' },
  payloadTooLarge: { status: 413, slug: 'payload-too-large' },
  unsupportedMediaType: { status: 415, slug: 'unsupported-media-type' },
  httpError: { status: 400, slug: 'http-error' },
  internal: { status: 500, slug: 'internal-error' },
} as const satisfies Record<TitledKeys<Messages['api']['problems']>, ProblemKindEntry>;
type ApiKind = keyof typeof API_KINDS;

// Field-level texts of the cases table (a missing Idempotency-Key, a bad cursor,
// unknown policy ids) are validation errors, not kinds of their own. A key both
// tables have cannot be a case kind: its text would be looked up in `api`.
const CASE_KINDS = {
  authenticationRequired: { status: 401, slug: 'authentication-required' },
  invalidCredentials: { status: 401, slug: 'invalid-credentials' },
  accessDenied: { status: 403, slug: 'forbidden' },
  staffWithoutDepartment: { status: 403, slug: 'forbidden' },
  otherDepartment: { status: 403, slug: 'forbidden' },
  caseNotFound: { status: 404, slug: 'case-not-found' },
  invalidTransition: { status: 409, slug: 'invalid-transition' },
  versionConflict: { status: 412, slug: 'version-conflict' },
  idempotencyConflict: { status: 422, slug: 'idempotency-conflict' },
  preconditionRequired: { status: 428, slug: 'precondition-required' },
  catalogVersionUnavailable: { status: 500, slug: 'catalog-version-unavailable' },
  storeUnavailable: { status: 503, slug: 'store-unavailable' },
} as const satisfies Partial<
  Record<Exclude<TitledKeys<Messages['cases']['problems']>, ApiKind>, ProblemKindEntry>
>;

type CaseKind = keyof typeof CASE_KINDS;
export type ProblemKind = ApiKind | CaseKind;
/** Every status some problem kind answers with (each must be documented in OpenAPI). */
export type ProblemStatus = (typeof API_KINDS)[ApiKind]['status'] | (typeof CASE_KINDS)[CaseKind]['status'];

export const PROBLEM_KINDS: Readonly<Record<ProblemKind, ProblemKindEntry>> = { ...API_KINDS, ...CASE_KINDS };

/** A kind's title and detail template in `lang`. */
export function problemText(kind: ProblemKind, lang: Lang): ProblemTitleAndDetail {
  const m = messagesFor(lang);
  return Object.hasOwn(API_KINDS, kind)
    ? m.api.problems[kind as ApiKind]
    : m.cases.problems[kind as CaseKind];
}

export interface ProblemType {
  slug: string;
  status: number;
  /** The kinds answering with this type; the first one's title names it on /docs. */
  kinds: [ProblemKind, ...ProblemKind[]];
}

/** The problem types the API emits, for /docs and /problems/{slug}. */
export const PROBLEM_TYPES: readonly ProblemType[] = (() => {
  const bySlug = new Map<string, ProblemType>();
  for (const [kind, { status, slug }] of Object.entries(PROBLEM_KINDS) as [ProblemKind, ProblemKindEntry][]) {
    const entry = bySlug.get(slug);
    if (entry) entry.kinds.push(kind);
    else bySlug.set(slug, { slug, status, kinds: [kind] });
  }
  return [...bySlug.values()];
})();

/** A problem of one of the registered kinds, with `{placeholders}` filled from `params`. */
export function apiProblem(
  kind: ProblemKind,
  params: Record<string, string | number> = {},
  extra: { errors?: (lang: Lang) => FieldError[]; headers?: Record<string, string> } = {},
): ProblemError {
  const { status, slug } = PROBLEM_KINDS[kind];
  return new ProblemError(
    status,
    slug,
    (lang) => {
      const text = problemText(kind, lang);
      const errors = extra.errors?.(lang);
      return { title: text.title, detail: fill(text.detail, params), ...(errors ? { errors } : {}) };
    },
    extra.headers,
  );
}

/** A validation problem listing each offending field. */
export function validationProblem(errors: (lang: Lang) => FieldError[]): ProblemError {
  const { status, slug } = PROBLEM_KINDS.validation;
  return new ProblemError(status, slug, (lang) => {
    const list = errors(lang);
    const text = problemText('validation', lang);
    return { title: text.title, detail: fill(text.detail, { count: list.length }), errors: list };
  });
}

export function problemResponse(c: Context<ApiEnv>, problem: ProblemError): Response {
  const lang = c.get('lang') ?? DEFAULT_LANG;
  const { title, detail, errors } = problem.describe(lang);
  const body = {
    type: problemType(problem.slug),
    title,
    status: problem.status,
    detail,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...(errors ? { errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': lang, ...problem.headers },
  });
}
