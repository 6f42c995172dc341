import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Run in a fresh Node process by tests/api/schema-order.test.ts: builds the app
// (with the cases routes, as the Lambda mounts them) and prints its OpenAPI
// document. With --shared-first, every module of shared/ is evaluated before
// anything imports @hono/zod-openapi, so no zod schema of shared/ was created
// after that package extended zod.

const SHARED = join(dirname(fileURLToPath(import.meta.url)), '../../shared');

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return modulesUnder(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
    });
}

if (process.argv.includes('--shared-first'))
  for (const module of modulesUnder(SHARED)) await import(pathToFileURL(module).href);

const { createApp } = await import('../../functions/app.js');
const { silentLogger } = await import('../../functions/http/logger.js');
const { lambdaCaseRoutesOptions } = await import('../../functions/lambda-cases.js');
const { caseRoutes } = await import('../../functions/routes/cases.js');
const { loadCatalogFromSeeds } = await import('../../shared/catalog/load-seeds.js');
const { readLexicon } = await import('../../shared/chat/load-lexicon.js');
const { compileCatalog } = await import('../../shared/engine/index.js');

const app = createApp({
  catalog: compileCatalog(loadCatalogFromSeeds()),
  lexicon: readLexicon(),
  logger: silentLogger,
  // Configuration is read on the first cases request; none is made here.
  extraRoutes: [caseRoutes(lambdaCaseRoutesOptions({}))],
});
const res = await app.request('/openapi.json');
process.stdout.write(JSON.stringify({ status: res.status, document: await res.json() }));
