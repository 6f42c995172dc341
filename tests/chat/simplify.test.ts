import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../../shared/catalog/load-seeds.js';
import { traditionalToSimplified } from '../../shared/text/normalize.js';

// shared/text/normalize.ts builds its Traditional → Simplified conversion from
// opencc-js/core and the dictionaries it needs, sharing tries between the HK and
// TW chains. It must convert exactly as opencc-js's own t2cn build does, the
// way the code converted before: HK → CN, then TW → CN.

const fromHk = OpenCC.Converter({ from: 'hk', to: 'cn' });
const fromTw = OpenCC.Converter({ from: 'tw', to: 'cn' });
const t2cn = (text: string) => fromTw(fromHk(text));

interface Chain {
  normalizationChain: string[][];
  segmentation: string[];
  conversionChain: string[][];
}
const { configs } = OpenCC.Locale as unknown as { configs: Record<'hk2s' | 'tw2s', Chain> };
const chains = [configs.hk2s, configs.tw2s];

/** The texts a dictionary (`source target|…`) maps from. */
const sourcesOf = (dictionary: string) => dictionary.split('|').map((entry) => entry.split(' ')[0] as string);

/** Every text each dictionary of both chains maps from, from the t2cn build's own data. */
function dictionarySources(): string[] {
  const dictionaries = new Set(chains.flatMap((c) => [...c.normalizationChain, ...c.conversionChain].flat()));
  return [...dictionaries].flatMap(sourcesOf);
}

/**
 * A Traditional phrase (what the chains segment by) and a regional variant
 * phrase that share a character, overlapped both ways round: where the
 * segmentation decides whether the variant phrase is converted whole.
 */
function overlappingPhrases(): string[] {
  const phrases = [...new Set(chains.flatMap((c) => c.segmentation.flatMap(sourcesOf)))];
  const variantPhrases = chains
    .flatMap((c) => (c.conversionChain[0] ?? []).flatMap(sourcesOf))
    .filter((k) => [...k].length > 1);
  return phrases.flatMap((p) =>
    variantPhrases.flatMap((v) => {
      const [pChars, vChars] = [[...p], [...v]];
      return [
        ...(pChars.at(-1) === vChars[0] ? [p + vChars.slice(1).join('')] : []),
        ...(vChars.at(-1) === pChars[0] ? [v + pChars.slice(1).join('')] : []),
      ];
    }),
  );
}

/** Lines of Chinese text the service really reads: the source documents (one Traditional), the seeds, chat messages. */
function realLines(): string[] {
  const files = [
    ...readdirSync(join(SEEDS_DIR, 'sources')).map((f) => join(SEEDS_DIR, 'sources', f)),
    ...readdirSync(join(SEEDS_DIR, 'catalog')).map((f) => join(SEEDS_DIR, 'catalog', f)),
    ...readdirSync(join(SEEDS_DIR, 'reference')).map((f) => join(SEEDS_DIR, 'reference', f)),
    join(import.meta.dirname, 'messages.yaml'),
  ];
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /[\u3400-\u9fff]/.test(line)),
  );
}

describe('Traditional → Simplified', () => {
  const sources = dictionarySources();
  // Runs of sources, so that phrases meet at every boundary the segmentation sees.
  const runs = Array.from({ length: Math.ceil(sources.length / 7) }, (_, i) =>
    sources.slice(i * 7, i * 7 + 7).join(''),
  );
  const texts = [...new Set([...sources, ...runs, ...overlappingPhrases(), ...realLines()])];

  it('converts every dictionary source, runs and overlaps of them and the service’s own texts as the t2cn build does', () => {
    expect(sources.length).toBeGreaterThan(5000);
    const differing = texts.filter((t) => traditionalToSimplified(t) !== t2cn(t));
    expect(differing.map((t) => [t, traditionalToSimplified(t), t2cn(t)])).toEqual([]);
    // Not vacuous: most of these texts change.
    expect(texts.filter((t) => t2cn(t) !== t).length).toBeGreaterThan(5000);
  });

  it('converts any text built from dictionary entries and other characters as the t2cn build does', () => {
    // Surrogate pairs, lone surrogates and ideographic description characters included.
    const piece = fc.oneof(
      fc.constantFrom(...sources),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
      fc.constantFrom('\u2ff0', '\u2ff2', '\u2ffb', '\ud840', '\udc00'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(traditionalToSimplified(text)).toBe(t2cn(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('converts Hong Kong and Taiwan forms', () => {
    expect(traditionalToSimplified('粵海城大廈 臺灣 發展與規劃 香港羅湖')).toBe(
      '粤海城大厦 台湾 发展与规划 香港罗湖',
    );
    expect(traditionalToSimplified('著名 裏面 綫路')).toBe(t2cn('著名 裏面 綫路'));
  });
});
