import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { readLexicon } from '../shared/chat/load-lexicon.js';
import { compileCatalog } from '../shared/engine/index.js';
import { createApp } from './app.js';
import { createJsonLogger, type Logger } from './http/logger.js';
import { startLocalCases } from './local-store.js';

// `npm start`: the same app as on Lambda, on Node, with the catalog read from
// seeds/. createLocalApp is also what tests use to see the app `npm start` serves.

export async function createLocalApp({ logger = createJsonLogger() }: { logger?: Logger } = {}) {
  const catalog = compileCatalog(loadCatalogFromSeeds());
  // Cases: dynalite in-process (DYNAMODB_DATA_DIR persists it, DYNAMODB_ENDPOINT
  // replaces it), tables created, this catalog published for replays.
  const cases = await startLocalCases(catalog.catalog);
  logger.info(cases.description);
  const lexicon = readLexicon({ trackIds: catalog.catalog.tracks.map((t) => t.id) });
  const app = createApp({ catalog, lexicon, logger, extraRoutes: [cases.routes] });
  return { app, catalog, close: () => cases.store.stop() };
}

/**
 * Where `npm start` listens: HOST (default 127.0.0.1: a development service is
 * reachable from this machine only, unless asked otherwise; 0.0.0.0 opens it to
 * the network, e.g. inside a container) and PORT (default 3000).
 */
export function listenAddressFromEnv(env: Record<string, string | undefined> = process.env) {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`PORT must be a TCP port number, got ${env.PORT}`);
  const hostname = env.HOST?.trim() || '127.0.0.1';
  return { hostname, port };
}

async function main() {
  const { hostname, port } = listenAddressFromEnv();
  const { app, catalog, close } = await createLocalApp();
  const server = serve({ fetch: app.fetch, hostname, port }, (info) => {
    const base = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`;
    console.log(`Luohu incentive matching API on ${base} (reference: ${base}/docs)`);
    console.log(`catalog ${catalog.version}: ${catalog.catalog.clauses.length} clauses`);
  });
  const stop = () => server.close(() => void close().then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
