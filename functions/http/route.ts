import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { PROBLEM_RESPONSES, type ProblemResponseStatus, requestIdHeader } from '../schemas/common.js';
import { jsonBody } from './json-body.js';

// Every operation is declared through here, so that each one documents the
// problems it can answer with and each JSON body goes through the size limit and
// the strict parser before zod sees it. Cases routes use it the same way.

export function apiRoute<R extends RouteConfig>(
  config: R,
  { problems = [] as readonly ProblemResponseStatus[] } = {},
): R {
  const hasBody = config.request?.body !== undefined;
  const statuses = new Set<ProblemResponseStatus>([...problems, 405, 500]);
  if (hasBody) for (const s of [400, 413, 415] as const) statuses.add(s);
  if (config.request?.query || config.request?.params) statuses.add(400);
  const problemResponses = Object.fromEntries([...statuses].sort().map((s) => [s, PROBLEM_RESPONSES[s]]));
  const middleware = [
    ...(hasBody ? [jsonBody()] : []),
    ...(config.middleware === undefined
      ? []
      : Array.isArray(config.middleware)
        ? config.middleware
        : [config.middleware]),
  ];
  // Every response carries x-request-id; say so on the operation's own responses too.
  const ownResponses = Object.fromEntries(
    Object.entries(config.responses).map(([status, response]) => [
      status,
      '$ref' in response ? response : { ...response, headers: { ...requestIdHeader, ...response.headers } },
    ]),
  );
  return createRoute({
    ...config,
    ...(middleware.length ? { middleware } : {}),
    responses: { ...problemResponses, ...ownResponses },
  }) as R;
}
