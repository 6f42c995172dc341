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
  const app = createApp({ catalog, lexicon: readLexicon(), logger, extraRoutes: [cases.routes] });
  return { app, catalog, close: () => cases.store.stop() };
}

function portFromEnv(): number {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`PORT must be a TCP port number, got ${process.env.PORT}`);
  return port;
}

async function main() {
  const port = portFromEnv();
  const { app, catalog, close } = await createLocalApp();
  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.log(
      `Luohu incentive matching API on http://localhost:${info.port} (reference: http://localhost:${info.port}/docs)`,
    );
    console.log(`catalog ${catalog.version}: ${catalog.catalog.clauses.length} clauses`);
  });
  const stop = () => server.close(() => void close().then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
