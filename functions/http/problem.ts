import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fill, type Lang, messagesFor } from '../../shared/i18n/index.js';
import type { ApiEnv } from './env.js';

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

type ApiProblems = ReturnType<typeof messagesFor>['api']['problems'];
export type ApiProblemKind = keyof ApiProblems;

const API_PROBLEMS: Record<ApiProblemKind, { status: ContentfulStatusCode; slug: string }> = {
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
};

/** The problem types this API emits (for the docs page): slug → status. */
export const API_PROBLEM_TYPES: ReadonlyArray<{ slug: string; status: number; kinds: ApiProblemKind[] }> =
  (() => {
    const bySlug = new Map<string, { slug: string; status: number; kinds: ApiProblemKind[] }>();
    for (const [kind, { status, slug }] of Object.entries(API_PROBLEMS) as [
      ApiProblemKind,
      (typeof API_PROBLEMS)[ApiProblemKind],
    ][]) {
      const entry = bySlug.get(slug) ?? { slug, status, kinds: [] };
      entry.kinds.push(kind);
      bySlug.set(slug, entry);
    }
    return [...bySlug.values()];
  })();

/** One of the API's own problems, with `{placeholders}` filled from `params`. */
export function apiProblem(
  kind: ApiProblemKind,
  params: Record<string, string | number> = {},
  extra: { errors?: (lang: Lang) => FieldError[]; headers?: Record<string, string> } = {},
): ProblemError {
  const { status, slug } = API_PROBLEMS[kind];
  return new ProblemError(
    status,
    slug,
    (lang) => {
      const text = messagesFor(lang).api.problems[kind];
      const errors = extra.errors?.(lang);
      return { title: text.title, detail: fill(text.detail, params), ...(errors ? { errors } : {}) };
    },
    extra.headers,
  );
}

/** A validation problem listing each offending field. */
export function validationProblem(errors: (lang: Lang) => FieldError[]): ProblemError {
  return new ProblemError(400, 'validation-error', (lang) => {
    const list = errors(lang);
    const text = messagesFor(lang).api.problems.validation;
    return { title: text.title, detail: fill(text.detail, { count: list.length }), errors: list };
  });
}

export function problemResponse(c: Context<ApiEnv>, problem: ProblemError): Response {
  const lang = c.get('lang') ?? 'zh';
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
