import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Catalog, sha256Hex } from '../shared/catalog/catalog.js';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { readLexicon } from '../shared/chat/load-lexicon.js';

/** The data files the API function reads at cold start, and the catalog they hold. */
export interface LambdaData {
  catalog: Catalog;
  /** `<dir>/catalog/<catalog version>.json`: the validated catalog (functions/lambda.ts: CATALOG_FILE). */
  catalogFile: string;
  /**
   * SHA-256 (hex) of catalogFile's exact bytes: the stack sets it as
   * CATALOG_SHA256, and functions/lambda.ts loads a file with this digest
   * without re-validating it (shared/catalog/catalog.ts: catalogFromDigestedJson).
   */
  catalogSha256: string;
  /** `<dir>/lexicon/<content hash>.json`: the validated chat lexicon (functions/lambda.ts: LEXICON_FILE). */
  lexiconFile: string;
}

/**
 * Validates seeds/ and writes what the Lambda reads instead of the YAML: the
 * catalog and the chat lexicon as JSON, so that its bundle carries no YAML
 * parser and its cold start parses no YAML. An invalid catalog or lexicon
 * throws here, so it fails the synth and can never be deployed. infra/app.ts
 * writes these at every synth; tests and bench/ write them the same way to
 * run the handler as deployed. Files are named by content, so two synths of
 * different seeds into one folder never overwrite each other's.
 */
export function writeLambdaData(dir: string): LambdaData {
  const catalog = loadCatalogFromSeeds();
  const lexicon = JSON.stringify(readLexicon({ trackIds: catalog.tracks.map((t) => t.id) }));
  const lexiconVersion = sha256Hex(lexicon).slice(0, 16);
  // Hashed as the bytes written, which are the bytes the function reads.
  const catalogBytes = Buffer.from(JSON.stringify(catalog), 'utf8');

  const catalogFile = join(dir, 'catalog', `${catalog.version}.json`);
  const lexiconFile = join(dir, 'lexicon', `${lexiconVersion}.json`);
  for (const [file, text] of [
    [catalogFile, catalogBytes],
    [lexiconFile, lexicon],
  ] as const) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return { catalog, catalogFile, catalogSha256: sha256Hex(catalogBytes), lexiconFile };
}
