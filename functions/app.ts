import { OpenAPIHono } from '@hono/zod-openapi';
import type { Lexicon } from '../shared/chat/lexicon.js';
import type { CompiledCatalog } from '../shared/engine/index.js';
import { compressLargeJson } from './http/compress.js';
import { shanghaiDate } from './http/dates.js';
import type { ApiEnv, RouteDeps, RouteGroup } from './http/env.js';
import { nonErrorThrowsAsErrors, notFoundOrMethodNotAllowed, problemErrorHandler } from './http/errors.js';
import { negotiateLang } from './http/lang.js';
import { accessLog, createJsonLogger, type Logger } from './http/logger.js';
import { requestId } from './http/request-id.js';
import { validationHook } from './http/validation.js';
import { buildingRoutes } from './routes/buildings.js';
import { chatRoutes } from './routes/chat.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { matchRoutes } from './routes/match.js';
import { policyRoutes } from './routes/policies.js';
import { portalRoutes } from './routes/portal.js';
import { trackRoutes } from './routes/tracks.js';

// The whole HTTP API as one Hono app: the same object serves `npm start` (Node)
// and the Lambda handler. This file only wires; behaviour lives in the routes.

export interface AppDeps {
  catalog: CompiledCatalog;
  /**
   * The chat keyword lexicon (seeds/reference/lexicon.yaml, read by
   * shared/chat/load-lexicon.ts), or how to get it on the first chat request
   * (the Lambda reads and validates it only then).
   */
  lexicon: Lexicon | (() => Lexicon);
  /** Source of "today" for a default `asOf`; tests pass a fixed date. */
  clock?: () => Date;
  logger?: Logger;
  /** More route groups, mounted after the built-in ones (e.g. the cases routes). */
  extraRoutes?: readonly RouteGroup[];
}

export function createApp({
  catalog,
  lexicon,
  clock = () => new Date(),
  logger = createJsonLogger(),
  extraRoutes = [],
}: AppDeps) {
  const deps: RouteDeps = { catalog, clock, today: () => shanghaiDate(clock()) };
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.use('*', requestId());
  app.use('*', compressLargeJson());
  app.use('*', async (c, next) => {
    c.set('logger', logger);
    await next();
  });
  app.use('*', negotiateLang());
  app.use('*', accessLog({ logger }));
  app.use('*', nonErrorThrowsAsErrors());
  app.onError(problemErrorHandler({ logger }));
  app.notFound(notFoundOrMethodNotAllowed(app));

  const builtIn = [
    healthRoutes,
    trackRoutes,
    buildingRoutes,
    policyRoutes,
    matchRoutes,
    chatRoutes(typeof lexicon === 'function' ? lexicon : () => lexicon),
    portalRoutes,
  ];
  for (const group of [...builtIn, ...extraRoutes]) group(app, deps);
  // Last, so the OpenAPI document includes every group above.
  docsRoutes(app, deps);
  return app;
}
