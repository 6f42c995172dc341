import type { OpenAPIHono } from '@hono/zod-openapi';
import type { CompiledCatalog } from '../../shared/engine/index.js';
import type { Lang } from '../../shared/i18n/index.js';
import type { Logger } from './logger.js';

// What every request carries through the middleware chain.
export interface ApiEnv {
  Variables: {
    requestId: string;
    /** The language of every human-readable string in the response (body `lang` > query > Accept-Language > zh). */
    lang: Lang;
    logger: Logger;
  };
}

export type ApiApp = OpenAPIHono<ApiEnv>;

/** What route groups are given: the catalog, and the clock and today's date for a default `asOf`. */
export interface RouteDeps {
  catalog: CompiledCatalog;
  clock: () => Date;
  /** Today in Asia/Shanghai (YYYY-MM-DD), from `clock`. */
  today: () => string;
}

/** A group of routes mounted on the app (the cases routes are one). */
export type RouteGroup = (app: ApiApp, deps: RouteDeps) => void;
