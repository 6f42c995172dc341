import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { silentLogger } from '../../functions/http/logger.js';
import { createLocalApp } from '../../functions/local.js';
import { loadLocalStaffSecret } from '../../shared/auth/local-secret.js';
import { signStaffToken } from '../../shared/auth/staff-token.js';

// The portal as a user meets it: the app `npm start` serves (the real local
// store for cases) on a free loopback port, driven by Debian's Chromium.

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Without Chromium the browser tests are skipped on a developer's machine, but
 * never in CI: there `.ci/run` installs it, and a missing browser must fail.
 */
export const skipBrowserTests = !existsSync(CHROMIUM) && !process.env.CI;
export const SKIP_REASON = `${CHROMIUM} not found (apt-get install chromium); browser tests skipped outside CI`;

export const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

export interface PortalServer {
  baseUrl: string;
  /** A bearer token the server accepts for an admin (to look at cases as staff would). */
  adminToken(): string;
  close(): Promise<void>;
}

export async function startPortalServer(): Promise<PortalServer> {
  const local = await createLocalApp({ logger: silentLogger });
  const server = await new Promise<ReturnType<typeof serve>>((resolvePromise) => {
    const s = serve({ fetch: local.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolvePromise(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    adminToken: () =>
      signStaffToken({ sub: 'portal-test', role: 'admin' }, loadLocalStaffSecret(), { now: new Date() }),
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await local.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

export interface PortalPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught script errors and CSP violations seen so far: a clean page has none. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

export async function openPortal(
  browser: Browser,
  baseUrl: string,
  viewport = DESKTOP,
  path = '',
): Promise<PortalPage> {
  // An English-speaking browser on purpose: the portal is still Chinese first.
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(new URL(path, baseUrl).href);
  // The track picker is filled from /v1/tracks: once it is there, the page is ready
  // (attached is enough: a case link shows the follow view instead of the form).
  await page.locator('input[name="track"]').first().waitFor({ state: 'attached' });
  return { context, page, problems, requests };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return resolve(ARTIFACTS, name);
}
