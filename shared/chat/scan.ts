import { toHalfWidth, traditionalToSimplified } from '../text/normalize.js';

// Term scanning over chat text. The message is folded (Simplified script,
// half-width, lower case) to a string of the SAME length, so that a match in the
// folded text points at the very words of the original message. Terms are
// compiled to regular expressions that tolerate spacing and hyphenation, and
// matches of one section are resolved longest-first.

/** Folds a text for scanning, keeping its length: index i of the result is index i of the input. */
export function foldForScan(text: string): string {
  const half = toHalfWidth(text);
  let simplified = traditionalToSimplified(half);
  if (simplified.length !== half.length) {
    // A phrase conversion changed the length: fall back to converting character by character.
    simplified = Array.from(half, (c) => {
      const s = traditionalToSimplified(c);
      return s.length === c.length ? s : c;
    }).join('');
  }
  let out = '';
  for (const c of simplified) {
    const lower = c.toLowerCase();
    out += lower.length === c.length ? lower : c;
  }
  return out;
}

/** A Chinese character (CJK unified ideographs, extension A, compatibility ideographs). */
export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_OR_DIGIT = /[a-z0-9]/;
/** In a term, any space or punctuation may be left out or written differently in a message … */
const SEPARATOR = /[\s\p{P}]/u;
/** … except these, which are part of names and words: `R&D`, `水贝E+`, `ipo'd`, `?`. */
const LITERAL_PUNCT = new Set(['&', '+', '?', '#', '%', '@', "'"]);
const isSeparator = (c: string) => SEPARATOR.test(c) && !LITERAL_PUNCT.has(c);
/** What a message may put inside a term: spaces, hyphens, dots, slashes, quotes. */
const SEP = String.raw`[\s\-_./·•–—“”"’]*`;
/** `*` in a term: a few words within one clause. */
const WILDCARD = String.raw`[^,.;!?\n。；！？、]{1,40}?`;

function escapeRegExp(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The regular expression source of one lexicon term (see the header of seeds/reference/lexicon.yaml). */
function termPattern(term: string): string {
  const folded = foldForScan(term.trim());
  const chars = Array.from(folded);
  let src = '';
  let prev: string | undefined;
  let pendingSep = false;
  for (const c of chars) {
    if (c === '*') {
      src += SEP + WILDCARD + SEP;
      prev = undefined;
      pendingSep = false;
      continue;
    }
    if (isSeparator(c)) {
      pendingSep = prev !== undefined;
      continue;
    }
    if (prev !== undefined) {
      if (pendingSep) src += SEP;
      else if (CJK.test(prev) && CJK.test(c)) src += String.raw`\s*`;
      else if (scriptChanges(prev, c)) src += SEP;
    }
    src += escapeRegExp(c);
    prev = c;
    pendingSep = false;
  }
  const first = chars.find((c) => !isSeparator(c) && c !== '*') ?? '';
  const last = [...chars].reverse().find((c) => !isSeparator(c) && c !== '*') ?? '';
  const head = LATIN_OR_DIGIT.test(first) ? '(?<![a-z0-9])' : '';
  // English words may be plural ("drones", "banks"); then the word must end.
  const tail = /[a-z]/.test(last) ? '(?:e?s)?(?![a-z0-9])' : LATIN_OR_DIGIT.test(last) ? '(?![a-z0-9])' : '';
  return head + src + tail;
}

function scriptChanges(a: string, b: string): boolean {
  const kind = (c: string) =>
    CJK.test(c) ? 'cjk' : /[a-z]/.test(c) ? 'latin' : /[0-9]/.test(c) ? 'digit' : 'other';
  return kind(a) !== kind(b);
}

/** Folds many terms at once: one script conversion for all non-ASCII terms, as OpenCC is costly per call. */
function foldTerms(terms: string[]): string[] {
  const ascii = (t: string) => /^[\x20-\x7e]*$/.test(t);
  const converted = traditionalToSimplified(
    toHalfWidth(
      terms
        .filter((t) => !ascii(t))
        .map((t) => t.replace(/\n/g, ' '))
        .join('\n'),
    ),
  ).split('\n');
  let k = 0;
  return terms.map((t) => (ascii(t) ? t : (converted[k++] ?? t)).toLowerCase());
}

export interface Hit<V> {
  start: number;
  end: number;
  /** What the term yields; empty for a blocked phrase, which only silences what it covers. */
  values: readonly V[];
}

/** A term without wildcard, as the trie matches it. */
interface TrieTerm<V> {
  /** Folded characters, separators left out. */
  chars: string[];
  /** breaks[k]: a message may put separators between chars[k] and chars[k + 1]. */
  breaks: boolean[];
  latinStart: boolean;
  latinEnd: boolean;
  /** Ends in a letter: an English plural (s / es) may follow. */
  plural: boolean;
  values: V[];
}

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  terms: TrieTerm<V>[];
}

const SKIPPABLE = /[\s\-_./·•–—“”"’]/;
const WHITESPACE = /\s/;
const ALNUM = /[a-z0-9]/;

/** The text without the characters a message may put inside a term, and where each one was. */
function compact(folded: string): { chars: string[]; at: number[] } {
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i] as string;
    if (SKIPPABLE.test(c)) continue;
    chars.push(c);
    at.push(i);
  }
  return { chars, at };
}

/**
 * A set of terms, each yielding values. `scan` returns the non-overlapping
 * matches, the longest first where two overlap (then the earlier one). Terms
 * sit in a trie walked over the text with separators left out, so thousands of
 * terms cost one pass; each candidate is then checked against the term's rules
 * (where separators may stand, whole English words).
 */
export class TermSet<V> {
  private readonly root: TrieNode<V> = { next: new Map(), terms: [] };
  private readonly wildcards: { re: RegExp; values: V[] }[] = [];

  constructor(entries: Iterable<readonly [term: string, value: V | null]>) {
    const list = [...entries].filter(([t]) => t.trim());
    // One script conversion for all terms: OpenCC is cheap per call but not per term.
    const folded = foldTerms(list.map(([t]) => t.trim()));
    const byKey = new Map<string, { values: V[] }>();
    list.forEach(([, value], i) => {
      const term = folded[i] as string;
      const key = term;
      let entry = byKey.get(key);
      if (!entry) {
        entry = term.includes('*') ? this.addWildcard(term) : this.addTerm(term);
        if (!entry) return;
        byKey.set(key, entry);
      }
      if (value !== null && !entry.values.includes(value)) entry.values.push(value);
    });
  }

  private addWildcard(term: string): { values: V[] } {
    const w = { re: new RegExp(termPattern(term), 'g'), values: [] as V[] };
    this.wildcards.push(w);
    return w;
  }

  private addTerm(term: string): { values: V[] } | undefined {
    const chars: string[] = [];
    const breaks: boolean[] = [];
    let sepPending = false;
    for (const c of term) {
      if (isSeparator(c)) {
        sepPending = chars.length > 0;
        continue;
      }
      const prev = chars.at(-1);
      if (prev !== undefined)
        breaks.push(sepPending || scriptChanges(prev, c) || (CJK.test(prev) && CJK.test(c)));
      chars.push(c);
      sepPending = false;
    }
    if (!chars.length) return undefined;
    let node = this.root;
    for (const c of chars) {
      let next = node.next.get(c);
      if (!next) {
        next = { next: new Map(), terms: [] };
        node.next.set(c, next);
      }
      node = next;
    }
    const first = chars[0] as string;
    const last = chars.at(-1) as string;
    const t: TrieTerm<V> = {
      chars,
      breaks,
      latinStart: LATIN_OR_DIGIT.test(first),
      latinEnd: LATIN_OR_DIGIT.test(last),
      plural: /[a-z]/.test(last),
      values: [],
    };
    node.terms.push(t);
    return t;
  }

  scan(folded: string): Hit<V>[] {
    const all: Hit<V>[] = [];
    const { chars, at } = compact(folded);
    for (let i = 0; i < chars.length; i++) {
      let node: TrieNode<V> | undefined = this.root;
      for (let j = i; j < chars.length && node; j++) {
        node = node.next.get(chars[j] as string);
        if (!node) break;
        for (const t of node.terms) {
          const end = matchEnd(t, folded, at, i, j);
          if (end !== undefined) all.push({ start: at[i] as number, end, values: t.values });
        }
      }
    }
    for (const w of this.wildcards) {
      w.re.lastIndex = 0;
      for (const m of folded.matchAll(w.re)) {
        const start = m.index ?? 0;
        if (m[0].length) all.push({ start, end: start + m[0].length, values: w.values });
      }
    }
    all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: Hit<V>[] = [];
    for (const h of all) {
      if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
    }
    return kept.sort((a, b) => a.start - b.start);
  }
}

/** Where a trie candidate ends in the folded text, or undefined when the term's rules refuse it. */
function matchEnd<V>(t: TrieTerm<V>, folded: string, at: number[], i: number, j: number): number | undefined {
  for (let k = 0; k < t.breaks.length; k++) {
    const a = at[i + k] as number;
    const b = at[i + k + 1] as number;
    if (b === a + 1) continue;
    if (t.breaks[k]) continue;
    return undefined;
  }
  // Between Chinese characters only spaces may stand, not hyphens or dots.
  for (let k = 0; k < t.breaks.length; k++) {
    const a = at[i + k] as number;
    const b = at[i + k + 1] as number;
    if (b > a + 1 && CJK.test(t.chars[k] as string) && CJK.test(t.chars[k + 1] as string)) {
      for (let p = a + 1; p < b; p++) if (!WHITESPACE.test(folded[p] as string)) return undefined;
    }
  }
  const start = at[i] as number;
  let end = (at[j] as number) + 1;
  if (t.latinStart && ALNUM.test(folded[start - 1] ?? '')) return undefined;
  if (t.latinEnd) {
    if (t.plural) {
      if (folded.startsWith('es', end) && !ALNUM.test(folded[end + 2] ?? '')) end += 2;
      else if (folded[end] === 's' && !ALNUM.test(folded[end + 1] ?? '')) end += 1;
    }
    if (ALNUM.test(folded[end] ?? '')) return undefined;
  }
  return end;
}

/** Entries of a `{ zh, en }` term list that all yield one value (null: blocked). */
export function* termsOf<V>(
  terms: { zh: readonly string[]; en: readonly string[] } | undefined,
  value: V | null,
) {
  if (!terms) return;
  for (const t of [...terms.zh, ...terms.en]) yield [t, value] as const;
}

/** Entries of a section keyed by the value its terms yield. */
export function* sectionTerms<K extends string>(
  section: Partial<Record<K, { zh: readonly string[]; en: readonly string[] }>>,
) {
  for (const [value, terms] of Object.entries(section) as [K, { zh: string[]; en: string[] }][]) {
    yield* termsOf(terms, value);
  }
}
