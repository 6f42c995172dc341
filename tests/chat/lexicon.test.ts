import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEEDS_DIR } from '../../shared/catalog/load-seeds.js';
import { LexiconError, loadLexicon } from '../../shared/chat/lexicon.js';
import { readLexicon } from '../../shared/chat/load-lexicon.js';
import { foldForScan, TermSet } from '../../shared/chat/scan.js';

const raw = parse(readFileSync(join(SEEDS_DIR, 'reference', 'lexicon.yaml'), 'utf8')) as Record<
  string,
  unknown
>;
const trackIds = (
  parse(readFileSync(join(SEEDS_DIR, 'reference', 'tracks.yaml'), 'utf8')) as { id: string }[]
).map((t) => t.id);
const lexicon = readLexicon();

describe('the seed lexicon', () => {
  it('covers every track of tracks.yaml in both languages', () => {
    expect(Object.keys(lexicon.tracks).sort()).toEqual([...trackIds].sort());
    for (const [id, terms] of Object.entries(lexicon.tracks)) {
      expect(terms.zh.length, `${id} zh`).toBeGreaterThan(0);
      expect(terms.en.length, `${id} en`).toBeGreaterThan(0);
    }
  });

  it('has terms for every designation in both languages', () => {
    for (const [id, terms] of Object.entries(lexicon.designations)) {
      expect(terms?.zh.length, `${id} zh`).toBeGreaterThan(0);
      expect(terms?.en.length, `${id} en`).toBeGreaterThan(0);
    }
  });

  it('gives no term two values in a section where a company has only one', () => {
    for (const section of ['listingStatus', 'listingMarkets', 'ownership', 'headquarters'] as const) {
      const owner = new Map<string, string>();
      for (const [value, terms] of Object.entries(lexicon[section])) {
        for (const t of [...(terms?.zh ?? []), ...(terms?.en ?? [])]) {
          const key = foldForScan(t);
          expect(owner.get(key) ?? value, `${section}: "${t}" under ${owner.get(key)} and ${value}`).toBe(
            value,
          );
          owner.set(key, value);
        }
      }
    }
  });

  it('lists no term twice in one list', () => {
    const lists = (node: unknown, path: string): [string, string[]][] =>
      Array.isArray(node)
        ? [[path, node as string[]]]
        : node && typeof node === 'object'
          ? Object.entries(node).flatMap(([k, v]) => lists(v, path ? `${path}.${k}` : k))
          : [];
    for (const [path, terms] of lists(raw, '')) {
      const folded = terms.map(foldForScan);
      expect(
        folded.filter((t, i) => folded.indexOf(t) !== i),
        path,
      ).toEqual([]);
    }
  });

  it('has terms that each match their own words', () => {
    const sections = {
      ...lexicon.tracks,
      ...lexicon.designations,
      ...lexicon.ownership,
      ...lexicon.headquarters,
    };
    for (const [value, terms] of Object.entries(sections)) {
      for (const t of [...(terms?.zh ?? []), ...(terms?.en ?? [])]) {
        const set = new TermSet([[t, value]]);
        expect(set.scan(foldForScan(t)), t).toEqual([{ start: 0, end: t.length, values: [value] }]);
      }
    }
  });
});

describe('loadLexicon', () => {
  it('rejects a track that tracks.yaml does not have', () => {
    const tracks = { ...(raw.tracks as object), drones: { zh: ['无人机'], en: [] } };
    expect(() => loadLexicon({ ...raw, tracks }, { trackIds })).toThrow(/tracks\.drones/);
  });

  it('rejects an unknown designation id, naming it', () => {
    const designations = { ...(raw.designations as object), top_brand: { zh: ['名牌'], en: [] } };
    expect(() => loadLexicon({ ...raw, designations })).toThrow(LexiconError);
    expect(() => loadLexicon({ ...raw, designations })).toThrow(/top_brand/);
  });

  it('rejects a missing section and unknown keys', () => {
    const { negation: _dropped, ...withoutNegation } = raw;
    expect(() => loadLexicon(withoutNegation)).toThrow(/negation/);
    expect(() => loadLexicon({ ...raw, extra: {} })).toThrow(LexiconError);
    expect(() => loadLexicon('not a lexicon')).toThrow(LexiconError);
  });
});
