import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import { createLocalApp } from '../../functions/local.js';
import { validBodies } from './arbitraries.js';

// The app `npm start` serves (real catalog, real lexicon, dynalite behind
// /v1/cases), driven in-process with app.request. Every hostile request must
// end in a 2xx or a 4xx problem: a 5xx or a stack trace is a defect.

export type Service = Awaited<ReturnType<typeof createLocalApp>>;

export interface Started {
  service: Service;
  /** A valid body of each endpoint (cases name a real policy of the catalog). */
  bodies: ReturnType<typeof validBodies>;
}

/** Starts the service once for the calling test file; the fields are set inside its tests. */
export function serviceForFile(): Started {
  const started = {} as Started;
  // The /v1/cases properties write to DynamoDB on every run; on a loaded 2-core
  // machine a property can take longer than vitest's default per-test timeout.
  vi.setConfig({ testTimeout: 120_000 });
  beforeAll(async () => {
    started.service = await createLocalApp({ logger: silentLogger });
    started.bodies = validBodies(started.service.catalog.catalog.clauses[0]?.id ?? 'unknown');
  });
  afterAll(() => started.service?.close());
  return started;
}

export const ENDPOINTS = ['/v1/match', '/v1/chat', '/v1/cases'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export interface RawRequest {
  /** The body exactly as sent: a JSON text, or bytes (e.g. invalid UTF-8). */
  body: string | Uint8Array;
  /** Content-Type; omitted when null. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

/** POSTs to `endpoint`; /v1/cases gets a fresh Idempotency-Key unless the caller sets one. */
export function post(
  service: Service,
  endpoint: Endpoint,
  { body, contentType = 'application/json', headers = {} }: RawRequest,
) {
  const all: Record<string, string> = { ...headers };
  if (contentType !== null) all['content-type'] = contentType;
  if (endpoint === '/v1/cases' && !Object.keys(all).some((h) => h.toLowerCase() === 'idempotency-key'))
    all['idempotency-key'] = randomUUID();
  return service.app.request(endpoint, { method: 'POST', headers: all, body });
}

export const postJson = (service: Service, endpoint: Endpoint, value: unknown) =>
  post(service, endpoint, { body: JSON.stringify(value) });

// What a leaked stack or runtime message looks like: frames, file positions, module paths.
const STACK_TRACE = /\n\s+at \S|\(\/[^)]*:\d+:\d+\)|node_modules\/|file:\/\/\//;

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

/**
 * The one rule of this suite: a 2xx JSON answer, or a 4xx RFC 9457 problem
 * (its `status` the response's, no stack trace). Returns the parsed body.
 */
export async function expectHandled(res: Response): Promise<unknown> {
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  expect(res.status, `a 5xx or other non-2xx/4xx status; body: ${text.slice(0, 500)}`).toBeLessThan(500);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  if (res.status >= 200 && res.status < 300) {
    expect(contentType).toMatch(/^application\/json/);
    return JSON.parse(text);
  }
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(contentType).toBe('application/problem+json');
  const problem = JSON.parse(text) as { type?: unknown; status?: unknown; title?: unknown };
  for (const value of stringsIn(problem)) expect(value).not.toMatch(STACK_TRACE);
  expect(problem.status).toBe(res.status);
  expect(String(problem.type)).toMatch(/^\/problems\/[a-z-]+$/);
  expect(typeof problem.title).toBe('string');
  return problem;
}

/** The service still answers after whatever came before. */
export async function expectHealthy(service: Service): Promise<void> {
  const res = await service.app.request('/health');
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok' });
}
