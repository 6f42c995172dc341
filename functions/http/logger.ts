import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

// Structured JSON logs, one line per event, so CloudWatch Logs Insights can query
// fields. Request and response bodies are never logged: profiles are company data.

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type Level = 'info' | 'warn' | 'error';

export function createJsonLogger({
  write = (line: string) => process.stdout.write(`${line}\n`),
  base = {},
}: {
  write?: (line: string) => void;
  base?: LogFields;
} = {}): Logger {
  const log =
    (level: Level) =>
    (message: string, fields: LogFields = {}) =>
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** Discards everything; for tests that do not look at logs. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Serialises an error (and its cause) for the server-side log only: the stack never goes to a client. */
export function errorFields(error: unknown, depth = 0): LogFields {
  if (error instanceof Error) {
    const cause =
      error.cause !== undefined && depth < 3 ? { cause: errorFields(error.cause, depth + 1) } : {};
    return { name: error.name, message: error.message, stack: error.stack, ...cause };
  }
  // Libraries do throw plain objects (zod-to-openapi's ConflictError is one).
  let detail: string;
  try {
    detail = JSON.stringify(error)?.slice(0, 2000) ?? String(error);
  } catch {
    detail = String(error);
  }
  const type = error !== null && typeof error === 'object' ? error.constructor?.name : typeof error;
  return { type, detail };
}

/** The route pattern that handled the request (`/v1/policies/:id`), not the raw path with ids in it. */
export function matchedRoute(c: Context): string | null {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return handlers.at(-1)?.path ?? null;
}

/** Access log: request id, method, route, status and duration of every request. */
export function accessLog({ logger }: { logger: Logger }): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: matchedRoute(c),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
  };
}
