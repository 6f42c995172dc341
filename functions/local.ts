import { serve } from '@hono/node-server';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { compileCatalog } from '../shared/engine/index.js';
import { createApp } from './app.js';
import { createJsonLogger } from './http/logger.js';

// `npm start`: the same app as on Lambda, on Node, with the catalog read from seeds/.

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a TCP port number, got ${process.env.PORT}`);

const logger = createJsonLogger();
const catalog = compileCatalog(loadCatalogFromSeeds());
const app = createApp({ catalog, logger });

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Luohu incentive matching API on http://localhost:${info.port} (docs: http://localhost:${info.port}/docs)`);
  console.log(`catalog ${catalog.version}: ${catalog.catalog.clauses.length} clauses`);
});
