import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SEEDS_DIR } from '../catalog/load-seeds.js';
import { type Lexicon, loadLexicon } from './lexicon.js';

// Reads the chat lexicon from seeds/reference/lexicon.yaml. Kept apart from
// ./lexicon.ts so that the extractor stays pure and a Lambda can bundle the data.

export function readLexicon(seedsDir = SEEDS_DIR): Lexicon {
  const read = (name: string): unknown => parse(readFileSync(join(seedsDir, 'reference', name), 'utf8'));
  const tracks = read('tracks.yaml') as { id: string }[];
  return loadLexicon(read('lexicon.yaml'), { trackIds: tracks.map((t) => t.id) });
}
