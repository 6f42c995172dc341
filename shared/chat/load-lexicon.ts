import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SEEDS_DIR } from '../catalog/load-seeds.js';
import { type Lexicon, loadLexicon } from './lexicon.js';

// Reads the chat lexicon from seeds/reference/lexicon.yaml. Kept apart from
// ./lexicon.ts so that the extractor stays pure and a Lambda can bundle the data.

export interface ReadLexiconOptions {
  seedsDir?: string;
  /**
   * The catalog's track ids, which every lexicon track must be one of. Callers
   * that have loaded the catalog pass them; without them tracks.yaml is read.
   */
  trackIds?: readonly string[];
}

export function readLexicon({ seedsDir = SEEDS_DIR, trackIds }: ReadLexiconOptions = {}): Lexicon {
  const read = (name: string): unknown => parse(readFileSync(join(seedsDir, 'reference', name), 'utf8'));
  const ids = trackIds ?? (read('tracks.yaml') as { id: string }[]).map((t) => t.id);
  return loadLexicon(read('lexicon.yaml'), { trackIds: ids });
}
