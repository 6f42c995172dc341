import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from './env.js';

// A caller's id is kept when it looks like an id (so a chatbot or gateway can
// correlate its own logs); anything else is replaced, since it ends up in our logs.
const SANE_ID = /^[A-Za-z0-9._:=+-]{8,128}$/;

/** On Lambda, API Gateway's own request id (`$context.requestId` in its access logs). */
export function gatewayRequestId(c: Context): string | undefined {
  const id = (c.env as { requestContext?: { requestId?: unknown } } | undefined)?.requestContext?.requestId;
  return typeof id === 'string' ? id : undefined;
}

export function requestId({
  headerName = 'x-request-id',
  fallback = gatewayRequestId,
  generate = () => crypto.randomUUID(),
}: {
  headerName?: string;
  fallback?: (c: Context) => string | undefined;
  generate?: () => string;
} = {}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const candidates = [c.req.header(headerName), fallback(c)];
    const id = candidates.find((v): v is string => v !== undefined && SANE_ID.test(v)) ?? generate();
    c.set('requestId', id);
    await next();
    c.res.headers.set(headerName, id);
  };
}
