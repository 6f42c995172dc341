import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildCatalog, type Catalog, type RawCatalog } from './catalog.js';

// Reads the seeds folder (YAML) into a RawCatalog. Kept apart from buildCatalog
// so that the engine and the Lambda can take a catalog from anywhere.

export const SEEDS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../seeds');

function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}

export function readRawCatalog(seedsDir = SEEDS_DIR): RawCatalog {
  const catalogDir = join(seedsDir, 'catalog');
  const files = readdirSync(catalogDir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const ref = (name: string) => readYaml(join(seedsDir, 'reference', name));
  return {
    clauses: files.map((f) => readYaml(join(catalogDir, f))),
    tracks: ref('tracks.yaml'),
    buildings: ref('buildings.yaml'),
    subdistricts: ref('subdistricts.yaml'),
    industries: ref('industries.yaml'),
  };
}

export function loadCatalogFromSeeds(seedsDir = SEEDS_DIR): Catalog {
  return buildCatalog(readRawCatalog(seedsDir));
}
