import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { type AppDeps, createApp } from '../../functions/app.js';
import type { RouteGroup } from '../../functions/http/env.js';
import type { LogFields, Logger } from '../../functions/http/logger.js';
import type { LocalStore } from '../../functions/local-store.js';
import { ProblemSchema } from '../../functions/schemas/common.js';
import { loadCatalogFromSeeds } from '../../shared/catalog/load-seeds.js';
import { readLexicon } from '../../shared/chat/load-lexicon.js';
import { compileCatalog } from '../../shared/engine/index.js';
import { type Lang, messagesFor } from '../../shared/i18n/index.js';
import { gunzipJson } from '../../shared/store/codec.js';
import { documentClient } from '../../shared/store/dynamodb.js';

// One compiled catalog for every API test file: the full seeds, as `npm start` serves them.
export const catalog = compileCatalog(loadCatalogFromSeeds());
export const lexicon = readLexicon({ trackIds: catalog.catalog.tracks.map((t) => t.id) });

/** 16:30 UTC on 30 June is already 1 July in Shenzhen: the default asOf must say so. */
export const NOW = new Date('2025-06-30T16:30:00Z');
export const TODAY_IN_SHENZHEN = '2025-07-01';

export interface LogLine extends LogFields {
  level: 'info' | 'warn' | 'error';
  message: string;
}

export function capturingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: string, fields: LogFields = {}) => {
      // Round-trip through JSON, as the real logger writes it.
      lines.push(JSON.parse(JSON.stringify({ level, message, ...fields })));
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export function testApp(extraRoutes: RouteGroup[] = [], overrides: Partial<AppDeps> = {}) {
  const logger = capturingLogger();
  const app = createApp({ catalog, lexicon, clock: () => NOW, logger, extraRoutes, ...overrides });
  return { app, logger };
}

export const LANGS: Lang[] = ['zh', 'en'];
const CJK = /[\u4e00-\u9fff]/;

/** Text is in the language asked for: zh has Chinese characters; en has none. */
export function expectLanguage(text: string, lang: Lang): void {
  if (lang === 'zh') expect(text).toMatch(CJK);
  else expect(text).not.toMatch(CJK);
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/**
 * Asserts an RFC 9457 response: status, media type, problem type, request id,
 * the title for `lang`, and that nothing resembling a stack trace is in it.
 */
export async function expectProblem(res: Response, status: number, type: string, lang: Lang = 'zh') {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at |Error:|node_modules|\.ts:\d/);
  const body = ProblemSchema.strict().parse(JSON.parse(text));
  expect(body.type).toBe(`/problems/${type}`);
  expect(body.status).toBe(status);
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  expectLanguage(`${body.title} ${body.detail}`, lang);
  return body;
}

export function problemTitle(
  lang: Lang,
  kind: keyof ReturnType<typeof messagesFor>['api']['problems'],
): string {
  return messagesFor(lang).api.problems[kind].title;
}

/**
 * Everything a store's table holds, as one JSON text: every item, with binary
 * attributes that are gzip JSON (match snapshots, creation intents) unpacked,
 * so that searching it searches what anyone reading the table would see. (A
 * catalog is cut into gzip slices that do not unpack alone; they stay base64.)
 */
export async function tableContents(store: Pick<LocalStore, 'client' | 'tableName'>): Promise<string> {
  const doc = documentClient(store.client);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: store.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items, (_key, value: unknown) => {
    if (!(value instanceof Uint8Array)) return value;
    try {
      return gunzipJson(value);
    } catch {
      return Buffer.from(value).toString('base64');
    }
  });
}
