// The t2cn build carries only the Traditional→Simplified tables (≈190 KB against
// the full build's 2.2 MB): the Lambda bundle stays small.
import * as OpenCC from 'opencc-js/t2cn';

// Text folding used wherever user or document text is compared: quotes against
// source documents, building names against aliases, chat messages against the lexicon.

// Built on first use, not at import: building their dictionaries takes ~25 ms,
// which a process that never converts (the catalog publisher, ASCII-only
// paths) should not pay at start-up.
let converters: { fromHk: (text: string) => string; fromTw: (text: string) => string } | undefined;
function simplify(text: string): string {
  converters ??= {
    fromHk: OpenCC.Converter({ from: 'hk', to: 'cn' }),
    fromTw: OpenCC.Converter({ from: 'tw', to: 'cn' }),
  };
  return converters.fromTw(converters.fromHk(text));
}

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
