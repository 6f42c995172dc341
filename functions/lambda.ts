import { readFileSync } from 'node:fs';
import { handle } from 'hono/aws-lambda';
import { catalogFromJson } from '../shared/catalog/catalog.js';
import { loadCatalogFromSeeds, SEEDS_DIR } from '../shared/catalog/load-seeds.js';
import { readLexicon } from '../shared/chat/load-lexicon.js';
import { compileCatalog } from '../shared/engine/index.js';
import { createApp } from './app.js';
import { lambdaCaseRoutesOptions } from './lambda-cases.js';
import { caseRoutes } from './routes/cases.js';

// API Gateway HTTP API (payload v2) → the Hono app. Only adapts: the app is built
// once per container, on the first request, so only a cold start pays for it.
// CATALOG_FILE is the validated catalog JSON built at synth (parses several times
// faster than the YAML seeds, and is re-hashed on load); CATALOG_SEEDS_DIR is the
// fallback and also holds the chat lexicon.

type Handler = ReturnType<typeof handle>;
let adapted: Handler | undefined;

function adapt(): Handler {
  const seedsDir = process.env.CATALOG_SEEDS_DIR ?? SEEDS_DIR;
  const file = process.env.CATALOG_FILE;
  const catalog = compileCatalog(
    file ? catalogFromJson(readFileSync(file, 'utf8')) : loadCatalogFromSeeds(seedsDir),
  );
  const cases = caseRoutes(lambdaCaseRoutesOptions());
  return handle(createApp({ catalog, lexicon: readLexicon(seedsDir), extraRoutes: [cases] }));
}

export const handler: Handler = (event, lambdaContext) => {
  adapted ??= adapt();
  return adapted(event, lambdaContext);
};
