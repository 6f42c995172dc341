import { handle } from 'hono/aws-lambda';
import { loadCatalogFromSeeds, SEEDS_DIR } from '../shared/catalog/load-seeds.js';
import { readLexicon } from '../shared/chat/load-lexicon.js';
import { compileCatalog } from '../shared/engine/index.js';
import { createApp } from './app.js';
import { lambdaCaseRoutesOptions } from './lambda-cases.js';
import { caseRoutes } from './routes/cases.js';

// API Gateway HTTP API (payload v2) → the Hono app. Only adapts: the app is built
// once per container, on the first request, so only a cold start pays for it.
// CATALOG_SEEDS_DIR points at the seeds shipped next to the bundle.

type Handler = ReturnType<typeof handle>;
let adapted: Handler | undefined;

function adapt(): Handler {
  const seedsDir = process.env.CATALOG_SEEDS_DIR ?? SEEDS_DIR;
  const catalog = compileCatalog(loadCatalogFromSeeds(seedsDir));
  const cases = caseRoutes(lambdaCaseRoutesOptions());
  return handle(createApp({ catalog, lexicon: readLexicon(seedsDir), extraRoutes: [cases] }));
}

export const handler: Handler = (event, lambdaContext) => {
  adapted ??= adapt();
  return adapted(event, lambdaContext);
};
