import { readFileSync } from 'node:fs';
import { handle } from 'hono/aws-lambda';
import { type Catalog, catalogFromDigestedJson, catalogFromJson } from '../shared/catalog/catalog.js';
import { type Lexicon, loadLexicon } from '../shared/chat/lexicon.js';
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

type Env = Record<string, string | undefined>;

/** The stack sets both to files in the bundle; a missing one is a broken deploy, said plainly. */
function dataFile(variable: 'CATALOG_FILE' | 'LEXICON_FILE', env: Env): Buffer {
  const file = env[variable];
  if (!file) throw new Error(`${variable} is not set: it names the JSON file bundled at synth`);
  return readFileSync(file);
}

/**
 * The bundled catalog. The stack also sets CATALOG_SHA256, the digest of the
 * file's bytes taken at synth: a file with that digest is the one synth
 * validated and is only parsed; any other bytes are refused, and the function
 * answers nothing until it is redeployed. Without the variable, the file goes
 * through catalogFromJson's full check.
 */
export function bundledCatalog(env: Env = process.env): Catalog {
  const bytes = dataFile('CATALOG_FILE', env);
  const sha256 = env.CATALOG_SHA256;
  return sha256 ? catalogFromDigestedJson(bytes, sha256) : catalogFromJson(bytes.toString('utf8'));
}

function adapt(): Handler {
  const catalog = bundledCatalog();
  // Read and validated on the first chat request: a start that only matches
  // does not pay for it, and a broken lexicon fails chat alone, loudly.
  let lexicon: Lexicon | undefined;
  const lexiconOnFirstChat = () =>
    (lexicon ??= loadLexicon(JSON.parse(dataFile('LEXICON_FILE', process.env).toString('utf8')), {
      trackIds: catalog.tracks.map((t) => t.id),
    }));
  const cases = caseRoutes(lambdaCaseRoutesOptions());
  return handle(
    createApp({ catalog: compileCatalog(catalog), lexicon: lexiconOnFirstChat, extraRoutes: [cases] }),
  );
}

export const handler: Handler = (event, lambdaContext) => {
  adapted ??= adapt();
  return adapted(event, lambdaContext);
};
