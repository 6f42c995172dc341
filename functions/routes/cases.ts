import type { Context } from 'hono';
import { type CognitoVerifierOptions, verifyCognitoIdToken } from '../../shared/auth/cognito-token.js';
import {
  ANONYMOUS,
  InvalidCredentials,
  type Principal,
  principalFromAuthorizerClaims,
} from '../../shared/auth/principal.js';
import { verifyStaffToken } from '../../shared/auth/staff-token.js';
import { requireStaff } from '../../shared/cases/access.js';
import {
  AccessDenied,
  AuthenticationRequired,
  CaseNotFound,
  IdempotencyConflict,
  InvalidCursor,
  InvalidIdempotencyKey,
  InvalidTransition,
  UnknownPolicies,
  VersionConflict,
} from '../../shared/cases/errors.js';
import { CaseService } from '../../shared/cases/service.js';
import { type Audience, caseSummaryView, caseView, replayView } from '../../shared/cases/view.js';
import { fill, messagesFor } from '../../shared/i18n/index.js';
import type { Stores } from '../../shared/store/dynamodb-stores.js';
import {
  CatalogIntegrityError,
  CatalogVersionNotFound,
  StoreUnavailable,
} from '../../shared/store/errors.js';
import type { ApiEnv, RouteGroup } from '../http/env.js';
import { errorFields } from '../http/logger.js';
import { apiProblem, validationProblem } from '../http/problem.js';
import { apiRoute } from '../http/route.js';
import { fieldProblem } from '../http/validation.js';
import {
  CASE_PROBLEMS,
  CaseListQueryParamsSchema,
  CaseListSchema,
  CaseParamsSchema,
  CaseReadQuerySchema,
  CaseSchema,
  CaseViewQuerySchema,
  CreateCaseBodySchema,
  CreatedCaseSchema,
  IdempotencyHeadersSchema,
  IfMatchHeadersSchema,
  ReplayReportSchema,
  UpdateCaseBodySchema,
} from '../schemas/cases.js';

// /v1/cases: the Enterprise Service Center's cases. Handlers only translate:
// credentials → Principal, headers → arguments, domain errors → problems. The
// workflow, access rules and storage live in shared/cases and shared/store.

/**
 * Staff credentials of a request: a Principal, or undefined when the request
 * carries none. Throws InvalidCredentials for credentials that do not verify.
 */
export type StaffAuthenticator = (
  c: Context<ApiEnv>,
) => Principal | undefined | Promise<Principal | undefined>;

export interface CaseRoutesOptions {
  /** The stores, or how to make them on first use (the Lambda reads its configuration then). */
  stores: Stores | (() => Stores);
  authenticate: StaffAuthenticator;
  newCaseId?: () => string;
}

/** The bearer token of an Authorization header; undefined when there is no header. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header === undefined) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  if (!m?.[1]) throw new InvalidCredentials('Authorization is not a bearer token');
  return m[1];
}

/** Local staff tokens: HS256 with the local secret (see functions/token-cli.ts). */
export function localStaffTokens(
  secret: Uint8Array,
  clock: () => Date = () => new Date(),
): StaffAuthenticator {
  return (c) => {
    const token = bearerToken(c);
    return token === undefined ? undefined : { kind: 'staff', ...verifyStaffToken(token, secret, clock()) };
  };
}

/** What hono/aws-lambda puts in `c.env`: the API Gateway (HTTP API, payload 2.0) event. */
interface LambdaBindings {
  event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };
}

/**
 * Staff in AWS: claims the gateway's JWT authorizer verified (staff-only
 * routes), else a bearer token this function verifies itself against Cognito
 * (the public case routes, where the gateway lets every request through).
 * Claims are never read from a token nobody verified.
 */
export function cognitoStaffTokens(
  cognito: () => CognitoVerifierOptions,
  clock: () => Date = () => new Date(),
): StaffAuthenticator {
  return async (c) => {
    const verified = (c.env as LambdaBindings | undefined)?.event?.requestContext?.authorizer?.jwt?.claims;
    const fromGateway = principalFromAuthorizerClaims(verified);
    if (fromGateway) return fromGateway;
    const token = bearerToken(c);
    if (token === undefined) return undefined;
    return principalFromAuthorizerClaims(await verifyCognitoIdToken(token, cognito(), clock()));
  };
}

// ---- errors → problems -------------------------------------------------------

const BEARER_CHALLENGE = 'Bearer realm="luohu-incentives"';

/** A domain or store error as the problem it answers with; anything else is rethrown as is (a logged 500). */
function toProblem(error: unknown, c: Context<ApiEnv>, principal: Principal | undefined): unknown {
  const lang = c.get('lang');
  if (error instanceof AuthenticationRequired)
    return apiProblem('authenticationRequired', {}, { headers: { 'WWW-Authenticate': BEARER_CHALLENGE } });
  if (error instanceof InvalidCredentials)
    return apiProblem(
      'invalidCredentials',
      {},
      { headers: { 'WWW-Authenticate': `${BEARER_CHALLENGE}, error="invalid_token"` } },
    );
  if (error instanceof AccessDenied) {
    if (principal?.kind === 'staff' && principal.role === 'staff' && !principal.department)
      return apiProblem('staffWithoutDepartment');
    if (principal?.kind === 'staff' && principal.department)
      return apiProblem('otherDepartment', { department: principal.department });
    return apiProblem('accessDenied');
  }
  if (error instanceof CaseNotFound) return apiProblem('caseNotFound', { id: error.caseId.slice(0, 64) });
  if (error instanceof VersionConflict)
    return apiProblem('versionConflict', {
      version: Number.isFinite(error.expectedVersion) ? error.expectedVersion : '?',
    });
  if (error instanceof InvalidTransition) {
    const labels = messagesFor(lang).cases.status;
    const allowed = error.allowed.length
      ? error.allowed.map((s) => labels[s]).join(messagesFor(lang).engine.listSeparator)
      : messagesFor(lang).cases.problems.noFurtherStatus;
    return apiProblem('invalidTransition', {
      from: labels[error.from],
      to: labels[error.to],
      allowed,
    });
  }
  if (error instanceof IdempotencyConflict) return apiProblem('idempotencyConflict');
  if (error instanceof InvalidIdempotencyKey) {
    const key = error.missing ? 'idempotencyKeyMissing' : 'idempotencyKeyInvalid';
    return fieldProblem(['Idempotency-Key'], (l) => messagesFor(l).cases.problems[key].detail);
  }
  if (error instanceof UnknownPolicies)
    return validationProblem((l) =>
      error.unknown.map(({ id, index }) => ({
        path: `policyIds[${index}]`,
        message: fill(messagesFor(l).cases.problems.unknownPolicies.detail, { ids: id.slice(0, 128) }),
      })),
    );
  if (error instanceof InvalidCursor)
    return fieldProblem(['cursor'], (l) => messagesFor(l).cases.problems.invalidCursor.detail);
  if (error instanceof CatalogVersionNotFound || error instanceof CatalogIntegrityError) {
    c.get('logger').error('catalog version unavailable for replay', {
      requestId: c.get('requestId'),
      error: errorFields(error),
    });
    const version = error instanceof CatalogVersionNotFound ? error.version : '?';
    return apiProblem('catalogVersionUnavailable', { version });
  }
  if (error instanceof StoreUnavailable) {
    c.get('logger').error('store unavailable', { requestId: c.get('requestId'), error: errorFields(error) });
    return apiProblem('storeUnavailable', {}, { headers: { 'Retry-After': '1' } });
  }
  return error;
}

async function answer<T>(
  c: Context<ApiEnv>,
  principal: Principal | undefined,
  run: () => T | Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toProblem(error, c, principal);
  }
}

// ---- headers -------------------------------------------------------------------

const NO_STORE = { 'Cache-Control': 'no-store' };
const etag = (version: number) => `"${version}"`;

/**
 * The version an If-Match header names. Only a strong, quoted version counts:
 * `*` or a weak tag cannot lock a version, so they never match (412).
 */
export function versionFromIfMatch(header: string): number {
  for (const tag of header.split(',')) {
    const m = /^\s*"(\d{1,9})"\s*$/.exec(tag);
    if (m) return Number(m[1]);
  }
  return Number.NaN;
}

// ---- routes --------------------------------------------------------------------

export function caseRoutes({ stores, authenticate, newCaseId }: CaseRoutesOptions): RouteGroup {
  return (app, deps) => {
    let made: CaseService | undefined;
    const service = () =>
      (made ??= new CaseService({
        ...(typeof stores === 'function' ? stores() : stores),
        catalog: () => deps.catalog,
        clock: deps.clock,
        today: deps.today,
        ...(newCaseId ? { newCaseId } : {}),
      }));

    async function principalOf(c: Context<ApiEnv>): Promise<Principal> {
      const staff = await answer(c, undefined, () => authenticate(c));
      const token = c.req.query('token');
      return staff ?? (token ? { kind: 'company', accessToken: token } : ANONYMOUS);
    }
    const audienceOf = (p: Principal): Audience => (p.kind === 'staff' ? 'staff' : 'company');

    app.openAPIRegistry.registerComponent('securitySchemes', 'staffBearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'Staff token: locally `npm run -s token -- --role staff --department …`; in AWS a Cognito ID token.',
    });
    const staffOrCompany: Record<string, string[]>[] = [{ staffBearer: [] }, {}];
    const staffOnly: Record<string, string[]>[] = [{ staffBearer: [] }];
    const json = <S>(schema: S) => ({ 'application/json': { schema } });

    app.openapi(
      apiRoute(
        {
          method: 'post',
          path: '/v1/cases',
          tags: ['Cases'],
          summary: 'Open a case with the Enterprise Service Center (idempotent)',
          description:
            'Stores the profile, the chosen policies, the contact and the match, routes the case to the lead department of the best-matching measure (else 区企业服务中心), and returns the company’s access token.',
          request: {
            headers: IdempotencyHeadersSchema,
            body: { required: true, content: json(CreateCaseBodySchema) },
          },
          responses: {
            201: {
              description: 'The case (also for a retry with the same key and body).',
              content: json(CreatedCaseSchema),
            },
          },
        },
        { problems: CASE_PROBLEMS.create },
      ),
      async (c) => {
        const body = c.req.valid('json');
        const principal = await principalOf(c);
        const created = await answer(c, principal, () =>
          service().create(body, c.req.header('idempotency-key'), principal),
        );
        const view = caseView(created.record, audienceOf(principal), c.get('lang'));
        return c.json({ ...view, accessToken: created.accessToken }, 201, {
          ...NO_STORE,
          ETag: etag(created.record.case.version),
          Location: `/v1/cases/${encodeURIComponent(created.record.case.id)}`,
          ...(created.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
        });
      },
    );

    app.openapi(
      apiRoute(
        {
          method: 'get',
          path: '/v1/cases',
          tags: ['Cases'],
          summary: 'Cases of a department (staff), or of all departments (admins)',
          security: staffOnly,
          request: { query: CaseListQueryParamsSchema },
          responses: {
            200: { description: 'Newest change first.', content: json(CaseListSchema) },
          },
        },
        { problems: CASE_PROBLEMS.list },
      ),
      async (c) => {
        const { lang, token, ...query } = c.req.valid('query');
        const principal = await principalOf(c);
        const page = await answer(c, principal, () => service().list(query, principal));
        return c.json(
          {
            items: page.items.map((s) => caseSummaryView(s, c.get('lang'))),
            ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          },
          200,
          NO_STORE,
        );
      },
    );

    app.openapi(
      apiRoute(
        {
          method: 'get',
          path: '/v1/cases/{id}',
          tags: ['Cases'],
          summary: 'A case, with its match snapshot and history',
          description: 'Staff of its department and admins with a bearer token; the company with `?token=`.',
          security: staffOrCompany,
          request: { params: CaseParamsSchema, query: CaseViewQuerySchema },
          responses: {
            200: {
              description: 'The case; `ETag` is its version.',
              headers: { ETag: { schema: { type: 'string' }, description: 'The version, quoted: `"3"`.' } },
              content: json(CaseSchema),
            },
          },
        },
        { problems: CASE_PROBLEMS.read },
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const principal = await principalOf(c);
        const { results } = c.req.valid('query');
        const record = await answer(c, principal, () => service().read(id, principal));
        return c.json(caseView(record, audienceOf(principal), c.get('lang'), results), 200, {
          ...NO_STORE,
          ETag: etag(record.case.version),
        });
      },
    );

    app.openapi(
      apiRoute(
        {
          method: 'patch',
          path: '/v1/cases/{id}',
          tags: ['Cases'],
          summary: 'Move a case along the workflow, assign it, or add a note (staff)',
          description:
            'Every change appends to the history. `If-Match` must carry the ETag the case was read with.',
          security: staffOnly,
          request: {
            params: CaseParamsSchema,
            headers: IfMatchHeadersSchema,
            body: { required: true, content: json(UpdateCaseBodySchema) },
          },
          responses: {
            200: {
              description: 'The changed case; `ETag` is its new version.',
              headers: { ETag: { schema: { type: 'string' }, description: 'The new version, quoted.' } },
              content: json(CaseSchema),
            },
          },
        },
        { problems: CASE_PROBLEMS.update },
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const change = c.req.valid('json');
        const principal = await principalOf(c);
        // Who may change cases at all is settled before the header: an outsider
        // learns nothing from a 428 either.
        await answer(c, principal, () => requireStaff(principal));
        const ifMatch = c.req.header('if-match');
        if (ifMatch === undefined) throw apiProblem('preconditionRequired');
        const record = await answer(c, principal, () =>
          service().update(id, change, versionFromIfMatch(ifMatch), principal),
        );
        return c.json(caseView(record, 'staff', c.get('lang')), 200, {
          ...NO_STORE,
          ETag: etag(record.case.version),
        });
      },
    );

    app.openapi(
      apiRoute(
        {
          method: 'get',
          path: '/v1/cases/{id}/replay',
          tags: ['Cases'],
          summary: 'Re-evaluate a case against the catalog version it was decided with',
          description:
            'Reads the stored catalog version back from the store, matches the stored profile on the stored date, and compares with the recorded results.',
          security: staffOrCompany,
          request: { params: CaseParamsSchema, query: CaseReadQuerySchema },
          responses: {
            200: { description: '`identical`, or the differences.', content: json(ReplayReportSchema) },
          },
        },
        { problems: CASE_PROBLEMS.read },
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const principal = await principalOf(c);
        const report = await answer(c, principal, () => service().replay(id, principal));
        return c.json(replayView(report, c.get('lang')), 200, NO_STORE);
      },
    );
  };
}
