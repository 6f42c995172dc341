import { Trie } from 'opencc-js/core';
import CJK_COMPATIBILITY_IDEOGRAPHS from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HK_VARIANTS_REV from 'opencc-js/dict/HKVariantsRev';
import HK_VARIANTS_REV_PHRASES from 'opencc-js/dict/HKVariantsRevPhrases';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TS_PHRASES from 'opencc-js/dict/TSPhrases';
import TW_VARIANTS_REV from 'opencc-js/dict/TWVariantsRev';
import TW_VARIANTS_REV_PHRASES from 'opencc-js/dict/TWVariantsRevPhrases';

// Text folding used wherever user or document text is compared: quotes against
// source documents, building names against aliases, chat messages against the lexicon.

/**
 * opencc-js's Trie with its entries in one flat map instead of a tree of maps
 * (one Map per character of every entry): its own convert() and segment() run
 * unchanged on top (they look entries up through matchPrefix) and find the
 * same match, the longest entry the text at that offset starts with, but the
 * seven dictionaries below load in about two thirds of the time. With the
 * shared tries below, the first conversion of a cold start went from ~30 ms
 * (two t2cn converters) to ~13 ms. tests/chat/simplify.test.ts holds the
 * output to opencc-js's own t2cn build, so a change in opencc-js's internals
 * that this relies on fails there.
 */
class FlatTrie extends Trie {
  private readonly targets = new Map<string, string>();
  /** Per first code point, the longest entry (in UTF-16 units) that starts with it. */
  private readonly longest = new Map<number, number>();

  override addWord(source: string, target: string): void {
    const first = source.codePointAt(0);
    if (first === undefined) return; // an empty entry never matches in the tree either
    this.targets.set(source, target);
    if ((this.longest.get(first) ?? 0) < source.length) this.longest.set(first, source.length);
  }

  override matchPrefix(text: string, offset: number): { end: number; value: string } | null {
    const longest = this.longest.get(text.codePointAt(offset) as number);
    if (longest === undefined) return null;
    for (let end = Math.min(text.length, offset + longest); end > offset; end--) {
      const value = this.targets.get(text.slice(offset, end));
      if (value !== undefined) return { end, value };
    }
    return null;
  }
}

/**
 * Traditional → Simplified as opencc-js's `Converter({ from: 'hk', to: 'cn' })`
 * then `Converter({ from: 'tw', to: 'cn' })` convert (its hk2s and tw2s
 * configurations: normalise compatibility ideographs, segment by the
 * Traditional phrases, map regional variants, then Traditional → Simplified
 * phrases and characters), from opencc-js/core and only the seven
 * dictionaries those two chains read, rather than its t2cn build, which also
 * bundles dictionaries this never reads (≈27 KB). The tries the two chains
 * share (normalisation, segmentation, Traditional → Simplified) are built
 * once instead of twice.
 *
 * Built on first use, not at import: a process that never converts (the
 * catalog publisher, ASCII-only paths) should not pay for the tries.
 */
function buildSimplifier(): (text: string) => string {
  const trie = (...dictionaries: string[]) => {
    const t = new FlatTrie();
    // As opencc-js loads a group: where two dictionaries map the same text, the first wins.
    t.loadDictGroup(dictionaries);
    return t;
  };
  const compatibility = trie(CJK_COMPATIBILITY_IDEOGRAPHS);
  const segmentation = trie(TS_PHRASES);
  const toSimplified = trie(TS_PHRASES, TS_CHARACTERS);
  const fromRegion = (variants: Trie) => (text: string) =>
    segmentation
      .segment(compatibility.convert(text))
      .map((segment) => toSimplified.convert(variants.convert(segment)))
      .join('');
  const fromHk = fromRegion(trie(HK_VARIANTS_REV_PHRASES, HK_VARIANTS_REV));
  const fromTw = fromRegion(trie(TW_VARIANTS_REV_PHRASES, TW_VARIANTS_REV));
  return (text) => fromTw(fromHk(text));
}

let simplify: ((text: string) => string) | undefined;

const CACHE_LIMIT = 2000;
const converted = new Map<string, string>();

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Traditional (HK or TW forms) → Simplified Chinese. */
export function traditionalToSimplified(text: string): string {
  // Pure ASCII has nothing to convert; profiles repeat the same few names, so
  // conversions are memoised (bounded: a hostile client cannot grow the cache).
  if (isAscii(text)) return text;
  const hit = converted.get(text);
  if (hit !== undefined) return hit;
  simplify ??= buildSimplifier();
  const out = simplify(text);
  if (text.length <= 200) {
    if (converted.size >= CACHE_LIMIT) converted.clear();
    converted.set(text, out);
  }
  return out;
}

/** Full-width ASCII (Ａ１！) and the ideographic space → half-width. */
export function toHalfWidth(text: string): string {
  // Most text has nothing to convert: one scan instead of two regex passes.
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) {
      wide = true;
      break;
    }
  }
  if (!wide) return text;
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** 004 inserts pinyin after some characters: `創(chuàng)新` → `創新`. */
export function stripPinyinAnnotations(text: string): string {
  return text.replace(/[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ\s]+[)）]/g, '');
}

// Punctuation that appears in both widths or in several typographic forms in the captures.
const PUNCT_MAP: Record<string, string> = {
  '“': '"',
  '”': '"',
  '„': '"',
  '‘': "'",
  '’': "'",
  '，': ',',
  '、': ',',
  '。': '.',
  '；': ';',
  '：': ':',
  '！': '!',
  '？': '?',
  '（': '(',
  '）': ')',
  '【': '[',
  '】': ']',
  '《': '<',
  '》': '>',
  '—': '-',
  '–': '-',
  '－': '-',
  '～': '~',
  '·': '.',
  '・': '.',
  '…': '...',
};

/**
 * Folds a text for verbatim-quote comparison: only whitespace and punctuation
 * width/form are normalised; every letter and digit must match as printed.
 */
export function foldForQuote(text: string): string {
  let out = toHalfWidth(text);
  out = out.replace(/[“”„‘’，、。；：！？（）【】《》—–－～·・…]/g, (c) => PUNCT_MAP[c] ?? c);
  return out.replace(/\s+/g, '');
}

/** Prepares document 004 (Traditional with pinyin) for quote comparison. */
export function simplifyAnnotatedDocument(text: string): string {
  return traditionalToSimplified(stripPinyinAnnotations(text));
}

/**
 * Folds a name for lookup: Simplified script, half-width, lower case, no spaces
 * or punctuation. `粵海城 T1`, `粤海城t1` and `粤海城Ｔ１` all fold to `粤海城t1`.
 */
export function foldName(text: string): string {
  return traditionalToSimplified(toHalfWidth(text))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
