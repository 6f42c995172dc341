import * as OpenCC from 'opencc-js';

// Text folding used wherever user or document text is compared: quotes against
// source documents, building names against aliases, chat messages against the lexicon.

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const toSimplifiedTw = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Traditional (HK or TW forms) → Simplified Chinese. */
export function traditionalToSimplified(text: string): string {
  return toSimplifiedTw(toSimplified(text));
}

/** Full-width ASCII (Ａ１！) and the ideographic space → half-width. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
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
