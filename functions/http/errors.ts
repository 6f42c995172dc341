import type { Context, ErrorHandler, Hono, MiddlewareHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { messagesFor } from '../../shared/i18n/index.js';
import type { ApiEnv } from './env.js';
import { MAX_BODY_BYTES } from './json-body.js';
import { DEFAULT_LANG } from './lang.js';
import { errorFields, type Logger, matchedRoute } from './logger.js';
import { apiProblem, ProblemError, type ProblemKind, problemResponse } from './problem.js';

// The one error path: a ProblemError renders itself; Hono's own HTTPExceptions
// (thrown by its validators) map to our problems; anything else is a 500 whose
// details go to the log only.

const HTTP_EXCEPTION_KINDS: Partial<Record<number, ProblemKind>> = {
  400: 'malformedJson',
  404: 'notFound',
  413: 'payloadTooLarge',
  415: 'unsupportedMediaType',
};

function fromHttpException(c: Context<ApiEnv>, e: HTTPException): ProblemError {
  const kind = HTTP_EXCEPTION_KINDS[e.status];
  if (kind)
    return apiProblem(kind, {
      path: c.req.path,
      limit: MAX_BODY_BYTES,
      contentType:
        c.req.header('content-type') ?? messagesFor(c.get('lang') ?? DEFAULT_LANG).api.noContentType,
    });
  const problem = apiProblem('httpError', { status: e.status });
  return new ProblemError(e.status as ContentfulStatusCode, problem.slug, problem.describe);
}

export function problemErrorHandler({ logger }: { logger: Logger }): ErrorHandler<ApiEnv> {
  return (error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status < 500)
      return problemResponse(c, fromHttpException(c, error));
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: matchedRoute(c),
      error: errorFields(error),
    });
    return problemResponse(c, apiProblem('internal', { requestId: c.get('requestId') ?? '' }));
  };
}

/** `/v1/policies/:id` → a RegExp for request paths. */
function routePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      const param = /^:\w+(?:\{(.+)\})?$/.exec(segment);
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Methods that some route (not middleware) answers for `path`. */
export function allowedMethods(routes: Hono['routes'], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) if (r.method !== 'ALL' && routePattern(r.path).test(path)) methods.add(r.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** 404 for unknown paths; for a known path with another method, 405 with Allow (and 204 for OPTIONS). */
export function notFoundOrMethodNotAllowed(app: Hono<ApiEnv>): NotFoundHandler<ApiEnv> {
  return (c) => {
    const path = c.req.path.slice(0, 200);
    const methods = allowedMethods(app.routes, c.req.path);
    // A route that exists for this method and still says "not found" (an unknown slug) means 404.
    if (methods.length === 0 || methods.includes(c.req.method))
      return problemResponse(c, apiProblem('notFound', { path }));
    const allow = [...methods, 'OPTIONS'].sort().join(', ');
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    return problemResponse(
      c,
      apiProblem(
        'methodNotAllowed',
        { path, method: c.req.method.slice(0, 20), allow },
        { headers: { Allow: allow } },
      ),
    );
  };
}

/**
 * Hono hands only `Error`s to onError; a handler that throws a string or an
 * object would escape as an unhandled rejection (on Lambda: API Gateway's own
 * bare 500). Mounted last, this turns such a throw into an Error first.
 */
export function nonErrorThrowsAsErrors(): MiddlewareHandler {
  return async (_c, next) => {
    try {
      await next();
    } catch (thrown) {
      if (thrown instanceof Error) throw thrown;
      throw new Error(`non-Error thrown: ${typeof thrown === 'string' ? thrown : typeof thrown}`, {
        cause: thrown,
      });
    }
  };
}
