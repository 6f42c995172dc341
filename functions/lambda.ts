import { readFileSync } from 'node:fs';
import { handle } from 'hono/aws-lambda';
import { catalogFromJson } from '../shared/catalog/catalog.js';
import { loadLexicon } from '../shared/chat/lexicon.js';
import { compileCatalog } from '../shared/engine/index.js';
import { createApp } from './app.js';
import { lambdaCaseRoutesOptions } from './lambda-cases.js';
import { caseRoutes } from './routes/cases.js';

// API Gateway HTTP API (payload v2) → the Hono app. Only adapts: the app is built
// once per container, on the first request, so only a cold start pays for it.
// The catalog and the chat lexicon are the JSON files validated at synth and
// bundled beside this file (infra/lambda-data.ts), never the YAML seeds: the
// bundle carries no YAML parser and a cold start parses no YAML.

type Handler = ReturnType<typeof handle>;
let adapted: Handler | undefined;

/** The stack sets both to files in the bundle; a missing one is a broken deploy, said plainly. */
function readDataFile(variable: 'CATALOG_FILE' | 'LEXICON_FILE'): string {
  const file = process.env[variable];
  if (!file) throw new Error(`${variable} is not set: it names the JSON file bundled at synth`);
  return readFileSync(file, 'utf8');
}

function adapt(): Handler {
  // Re-hashed on load: a damaged file cannot pass under its version.
  const catalog = catalogFromJson(readDataFile('CATALOG_FILE'));
  const lexicon = loadLexicon(JSON.parse(readDataFile('LEXICON_FILE')), {
    trackIds: catalog.tracks.map((t) => t.id),
  });
  const cases = caseRoutes(lambdaCaseRoutesOptions());
  return handle(createApp({ catalog: compileCatalog(catalog), lexicon, extraRoutes: [cases] }));
}

export const handler: Handler = (event, lambdaContext) => {
  adapted ??= adapt();
  return adapted(event, lambdaContext);
};
