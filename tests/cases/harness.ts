import { randomBytes, randomUUID } from 'node:crypto';
import { createApp } from '../../functions/app.js';
import { silentLogger } from '../../functions/http/logger.js';
import { type LocalStore, startLocalStore } from '../../functions/local-store.js';
import { caseRoutes, localStaffTokens } from '../../functions/routes/cases.js';
import type { StaffClaims } from '../../shared/auth/principal.js';
import { signStaffToken } from '../../shared/auth/staff-token.js';
import { readLexicon } from '../../shared/chat/load-lexicon.js';
import type { CompiledCatalog } from '../../shared/engine/index.js';
import { catalog } from '../api/helpers.js';

// The HTTP API with the cases routes on a real store (dynalite), as `npm start`
// wires it, but with a clock the test controls and a fresh staff secret.

export interface Clock {
  (): Date;
  advance(ms: number): void;
}

/** Starts at `start` and moves one second per reading, so every change has its own time. */
function steppingClock(start = '2025-06-30T02:00:00.000Z'): Clock {
  let t = Date.parse(start);
  const clock = (() => {
    t += 1000;
    return new Date(t);
  }) as Clock;
  clock.advance = (ms) => {
    t += ms;
  };
  return clock;
}

export interface CasesHarness {
  app: ReturnType<typeof createApp>;
  store: LocalStore;
  clock: Clock;
  catalog: CompiledCatalog;
  staffToken(claims: Omit<StaffClaims, 'sub'> & { sub?: string }): string;
  /** The app on the same store with another live catalog (as after a redeploy). */
  withCatalog(catalog: CompiledCatalog): ReturnType<typeof createApp>;
  stop(): Promise<void>;
}

export async function startCasesHarness(): Promise<CasesHarness> {
  const store = await startLocalStore({
    catalog: catalog.catalog,
    tablePrefix: `c${randomUUID().slice(0, 8)}-`,
  });
  const secret = randomBytes(32);
  const clock = steppingClock();
  const lexicon = readLexicon({ trackIds: catalog.catalog.tracks.map((t) => t.id) });
  const build = (live: CompiledCatalog) =>
    createApp({
      catalog: live,
      lexicon,
      clock,
      logger: silentLogger,
      extraRoutes: [caseRoutes({ stores: store.stores, authenticate: localStaffTokens(secret, clock) })],
    });
  return {
    app: build(catalog),
    store,
    clock,
    catalog,
    staffToken: ({ sub = 'alice', ...claims }) =>
      signStaffToken({ sub, ...claims }, secret, { now: clock() }),
    withCatalog: build,
    stop: () => store.stop(),
  };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const newKey = () => randomUUID();
