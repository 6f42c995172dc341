import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './env.js';

// A caller's id is kept when it looks like an id (so a chatbot or gateway can
// correlate its own logs); anything else is replaced, since it ends up in our logs.
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestId({
  headerName = 'x-request-id',
  generate = () => crypto.randomUUID(),
}: { headerName?: string; generate?: () => string } = {}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const incoming = c.req.header(headerName);
    const id = incoming && SANE_ID.test(incoming) ? incoming : generate();
    c.set('requestId', id);
    await next();
    c.res.headers.set(headerName, id);
  };
}
