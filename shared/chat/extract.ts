import type { Building } from '../catalog/schema.js';
import {
  type DESIGNATIONS,
  type HEADQUARTERS_TYPES,
  type LISTING_STATUSES,
  type MARKETS,
  type OWNERSHIPS,
  SUBDISTRICTS,
} from '../fields.js';
import { extractAmounts, parseChineseNumeral } from '../money.js';
import { MAX_NAME, type Profile } from '../profile.js';
import type { Lexicon } from './lexicon.js';
import { CJK, foldForScan, type Hit, sectionTerms, TermSet, termsOf } from './scan.js';

// The 罗i企 chat extractor: reads what a company says about itself in free
// Chinese or English and turns it into profile fields, each with the words it
// came from. No model: a lexicon (seeds/reference/lexicon.yaml), the building
// list and the money parser. It prefers saying nothing to guessing — a field it
// is not sure of stays unknown.

export interface Extraction {
  field: string;
  value: unknown;
  /** The words of the message the value came from, as the user wrote them. */
  text: string;
}

export interface SubdistrictRef {
  id: string;
  name?: { zh: string; en: string };
  aliases?: readonly string[];
}

export interface ExtractionContext {
  buildings: readonly Pick<Building, 'name' | 'nameEn' | 'aliases'>[];
  lexicon: Lexicon;
  /** Catalog subdistricts (with pinyin aliases); without them only the Chinese names are known. */
  subdistricts?: readonly SubdistrictRef[];
}

export interface ExtractionResult {
  profile: Partial<Profile>;
  extracted: Extraction[];
}

/** Longer messages are read up to here: a chat turn, not a document. */
const MAX_SCANNED_CHARS = 4000;
const MAX_DESCRIPTION = 80;

type Designation = (typeof DESIGNATIONS)[number];
type ListingStatus = (typeof LISTING_STATUSES)[number];
type Market = (typeof MARKETS)[number];
type Ownership = (typeof OWNERSHIPS)[number];
type HeadquartersType = (typeof HEADQUARTERS_TYPES)[number];
type AmountCue = keyof Lexicon['amountCues'];
type Settlement = keyof Lexicon['settlement'];

interface CompiledLexicon {
  tracks: TermSet<string>;
  designations: TermSet<Designation>;
  listingStatus: TermSet<ListingStatus>;
  markets: TermSet<Market>;
  ownership: TermSet<Ownership>;
  headquarters: TermSet<HeadquartersType>;
  settlement: TermSet<Settlement>;
  amountCues: TermSet<AmountCue>;
  negation: TermSet<true>;
  uncertain: TermSet<true>;
  done: TermSet<true>;
  intent: TermSet<true>;
  nearby: TermSet<true>;
  clauseBreaks: TermSet<true>;
  policyWords: TermSet<true>;
  questionWords: TermSet<true>;
  questionStarts: TermSet<true>;
  selfReference: TermSet<true>;
}

const compiledLexicons = new WeakMap<Lexicon, CompiledLexicon>();

function compileLexicon(lex: Lexicon): CompiledLexicon {
  const cached = compiledLexicons.get(lex);
  if (cached) return cached;
  const b = lex.blocked;
  const cues = (terms: Lexicon['negation'], blocked?: Lexicon['negation']) =>
    new TermSet<true>([...termsOf<true>(terms, true), ...termsOf<true>(blocked, null)]);
  const compiled: CompiledLexicon = {
    tracks: new TermSet([...sectionTerms(lex.tracks), ...termsOf<string>(b.tracks, null)]),
    designations: new TermSet([
      ...sectionTerms(lex.designations),
      ...termsOf<Designation>(b.designations, null),
    ]),
    listingStatus: new TermSet([
      ...sectionTerms(lex.listingStatus),
      ...termsOf<ListingStatus>(b.listingStatus, null),
    ]),
    markets: new TermSet(sectionTerms(lex.listingMarkets)),
    ownership: new TermSet([...sectionTerms(lex.ownership), ...termsOf<Ownership>(b.ownership, null)]),
    headquarters: new TermSet([
      ...sectionTerms(lex.headquarters),
      ...termsOf<HeadquartersType>(b.headquarters, null),
    ]),
    settlement: new TermSet([...sectionTerms(lex.settlement), ...termsOf<Settlement>(b.settlement, null)]),
    amountCues: new TermSet([...sectionTerms(lex.amountCues), ...termsOf<AmountCue>(b.amountCues, null)]),
    negation: cues(lex.negation, b.negation),
    uncertain: cues(lex.uncertain),
    done: cues(lex.done),
    intent: cues(lex.intent),
    nearby: cues(lex.nearby),
    clauseBreaks: cues(lex.clauseBreaks),
    policyWords: cues(lex.topicQuestion.policyWords),
    questionWords: cues(lex.topicQuestion.questionWords),
    questionStarts: cues(lex.topicQuestion.questionStarts),
    selfReference: cues(lex.topicQuestion.selfReference),
  };
  compiledLexicons.set(lex, compiled);
  return compiled;
}

const DEFAULT_SUBDISTRICTS: readonly SubdistrictRef[] = SUBDISTRICTS.map((id) => ({ id }));
const buildingSets = new WeakMap<object, TermSet<string>>();
const subdistrictSets = new WeakMap<Lexicon, WeakMap<object, TermSet<string>>>();

function buildingTerms(buildings: ExtractionContext['buildings']): TermSet<string> {
  let set = buildingSets.get(buildings);
  if (!set) {
    set = new TermSet(
      buildings.flatMap((b) =>
        [b.name, b.nameEn, ...b.aliases].filter((n): n is string => !!n).map((n) => [n, b.name] as const),
      ),
    );
    buildingSets.set(buildings, set);
  }
  return set;
}

function subdistrictTerms(lex: Lexicon, subdistricts: readonly SubdistrictRef[]): TermSet<string> {
  let byList = subdistrictSets.get(lex);
  if (!byList) {
    byList = new WeakMap();
    subdistrictSets.set(lex, byList);
  }
  let set = byList.get(subdistricts);
  if (!set) {
    const entries = subdistricts.flatMap((s) =>
      [s.id, `${s.id}街道`, s.name?.zh, s.name?.en, ...(s.aliases ?? [])]
        .filter((n): n is string => !!n)
        .map((n) => [n, s.id] as const),
    );
    set = new TermSet([...entries, ...termsOf<string>(lex.blocked.subdistricts, null)]);
    byList.set(subdistricts, set);
  }
  return set;
}

// ---------------------------------------------------------------------------
// Clauses and the cues around a term

/** Ends a clause: sentence and clause punctuation, but not the comma or dot inside `1,200.5`. */
const CLAUSE_END = /[,.;!?\n。；！？、]/;

interface Span {
  start: number;
  end: number;
}

function clauseSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (!CLAUSE_END.test(c)) continue;
    if ((c === ',' || c === '.') && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
    spans.push({ start, end: i });
    start = i + 1;
  }
  spans.push({ start, end: text.length });
  return spans;
}

class Reading {
  readonly clauses: Span[];
  private readonly cues: Record<
    'negation' | 'uncertain' | 'done' | 'intent' | 'nearby' | 'breaks',
    Hit<true>[]
  >;
  /** Clauses that ask about a topic instead of describing the company. */
  private readonly asked = new Set<number>();
  /** Words already taken by a building or subdistrict. */
  readonly places: Span[] = [];

  constructor(
    readonly original: string,
    readonly text: string,
    readonly lex: CompiledLexicon,
  ) {
    this.clauses = clauseSpans(text);
    const positive = (set: TermSet<true>) => set.scan(text).filter((h) => h.values.length > 0);
    this.cues = {
      negation: positive(lex.negation),
      uncertain: positive(lex.uncertain),
      done: positive(lex.done),
      intent: positive(lex.intent),
      nearby: positive(lex.nearby),
      breaks: positive(lex.clauseBreaks),
    };
    const policy = positive(lex.policyWords);
    const question = positive(lex.questionWords);
    const starts = positive(lex.questionStarts);
    const self = positive(lex.selfReference);
    this.clauses.forEach((c, i) => {
      const inside = (h: Hit<true>) => h.start >= c.start && h.end <= c.end;
      const first =
        c.start + (text.slice(c.start, c.end).length - text.slice(c.start, c.end).trimStart().length);
      const asks = question.some(inside) || starts.some((h) => h.start === first);
      if (policy.some(inside) && asks && !self.some(inside)) this.asked.add(i);
    });
  }

  /** The clause a position falls in (clauses are sorted and cover the text). */
  clauseOf(pos: number): number {
    let lo = 0;
    let hi = this.clauses.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.clauses[mid] as Span).start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  isAsked(h: Span): boolean {
    return this.asked.has(this.clauseOf(h.start));
  }

  overlapsPlace(h: Span): boolean {
    return this.places.some((p) => h.start < p.end && p.start < h.end);
  }

  /**
   * Whether a cue of a kind stands before the term, in its clause and not beyond a "but".
   * A negation must stand close ("不是高新企业"); an intent or a past may open the clause
   * ("计划2026年在创业板上市", "去年把公司搬到罗湖").
   */
  before(h: Span, kind: 'negation' | 'uncertain' | 'done' | 'intent'): boolean {
    const clause = this.clauses[this.clauseOf(h.start)] as Span;
    const near = kind === 'negation' || kind === 'uncertain';
    const reach = !near ? Number.POSITIVE_INFINITY : CJK.test(this.text[h.start - 1] ?? '') ? 8 : 24;
    let from = Math.max(clause.start, h.start - reach);
    for (const b of this.cues.breaks) if (b.end <= h.start && b.end > from) from = b.end;
    return this.cues[kind].some((c) => c.start >= from && c.end <= h.start);
  }

  /** Whether the words around a place say the company is near it, not in it ("万象城附近", "next to KK100"). */
  nearby(h: Span): boolean {
    return this.cues.nearby.some(
      (c) => (c.start >= h.end && c.start <= h.end + 2) || (c.end <= h.start && c.end >= h.start - 2),
    );
  }

  /** Whether an uncertainty cue follows the term closely ("国高还在申请中", "high-tech status pending"). */
  uncertainAfter(h: Span): boolean {
    const clause = this.clauses[this.clauseOf(h.start)] as Span;
    const to = Math.min(clause.end, h.end + 8);
    return this.cues.uncertain.some((c) => c.start >= h.end && c.end <= to);
  }

  /** The hits of a section that say something: not blocked, not in a question, not inside a place name. */
  hits<V>(set: TermSet<V>): Hit<V>[] {
    return set
      .scan(this.text)
      .filter((h) => h.values.length > 0 && !this.isAsked(h) && !this.overlapsPlace(h));
  }

  words(h: Span): string {
    return this.original.slice(h.start, h.end).trim();
  }
}

// ---------------------------------------------------------------------------
// Facts: what each hit says, before conflicts are settled

interface Fact {
  field: string;
  value: string | number | boolean;
  at: Span;
}

function termFacts<V extends string>(
  r: Reading,
  set: TermSet<V>,
  field: string,
  read: (value: V, h: Hit<V>) => string | null,
): Fact[] {
  const facts: Fact[] = [];
  for (const h of r.hits(set)) {
    for (const v of h.values) {
      const value = read(v, h);
      if (value !== null) facts.push({ field, value, at: h });
    }
  }
  return facts;
}

/** Plain statements: a negation or an uncertainty silences them. */
const plain =
  (r: Reading, opts: { uncertainAfter?: boolean } = {}) =>
  <V extends string>(v: V, h: Span): V | null =>
    r.before(h, 'negation') || r.before(h, 'uncertain') || (opts.uncertainAfter && r.uncertainAfter(h))
      ? null
      : v;

function listingFacts(r: Reading): Fact[] {
  return termFacts(r, r.lex.listingStatus, 'listing.status', (v, h) => {
    if (r.before(h, 'uncertain')) return null;
    const negated = r.before(h, 'negation');
    if (v === 'listed') {
      if (negated) return 'unlisted';
      if (r.before(h, 'intent') && !r.before(h, 'done')) return 'pre_ipo';
      return 'listed';
    }
    return negated ? null : v;
  });
}

function settlementFacts(r: Reading): Fact[] {
  const facts: Fact[] = [];
  for (const h of r.hits(r.lex.settlement)) {
    if (r.before(h, 'uncertain')) continue;
    const negated = r.before(h, 'negation');
    for (const v of h.values) {
      if (v === 'registered') {
        if (negated) facts.push({ field: 'registeredInLuohu', value: false, at: h });
        else if (r.before(h, 'intent') && !r.before(h, 'done'))
          facts.push({ field: 'relocating', value: true, at: h });
        else facts.push({ field: 'registeredInLuohu', value: true, at: h });
      } else if (negated) {
        facts.push({ field: 'relocating', value: false, at: h });
      } else if (!r.before(h, 'done')) {
        facts.push({ field: 'relocating', value: true, at: h });
      }
    }
  }
  return facts;
}

// ---------------------------------------------------------------------------
// Places

/**
 * A building the list does not know, named the way people name office towers:
 * `在XX大厦`, `位于XX广场`, `in the XX Tower`. Kept so the engine can say it did not
 * recognise it (a warning) instead of the chat silently dropping it.
 */
const UNKNOWN_BUILDING_ZH =
  /(?:在|位于|入驻|坐落于|坐落在|办公在|搬到|迁到|搬进)\s*([\u4e00-\u9fa5a-z0-9]{2,14}?(?:大厦|大楼|广场|写字楼|商务中心|金融中心|国际中心|中心大厦))/g;
const UNKNOWN_BUILDING_EN =
  /\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w&'-]*\s+){1,4}(?:Tower|Building|Plaza|Centre|Center|Mall|Square))\b/g;

function placeFacts(r: Reading, ctx: ExtractionContext): Fact[] {
  const facts: Fact[] = [];
  const keep = (h: Span) => !r.isAsked(h) && !r.before(h, 'negation') && !r.nearby(h);
  for (const h of buildingTerms(ctx.buildings).scan(r.text)) {
    r.places.push(h);
    if (keep(h)) for (const v of h.values) facts.push({ field: 'building', value: v, at: h });
  }
  if (!facts.some((f) => f.field === 'building')) {
    const found = [...r.text.matchAll(UNKNOWN_BUILDING_ZH), ...r.original.matchAll(UNKNOWN_BUILDING_EN)];
    for (const m of found) {
      // "在罗湖的XX大厦": the district is where, not part of the name.
      const name = (m[1] as string).replace(/^(?:深圳市?|罗湖区?)的/, '');
      // Longer than a profile's building may be: a run of words, not a name.
      if (name.length > MAX_NAME) continue;
      const start = (m.index ?? 0) + m[0].lastIndexOf(name);
      const at = { start, end: start + name.length };
      if (r.places.some((p) => at.start < p.end && p.start < at.end)) continue;
      r.places.push(at);
      if (keep(at)) facts.push({ field: 'building', value: r.words(at), at });
    }
  }
  for (const h of subdistrictTerms(ctx.lexicon, ctx.subdistricts ?? DEFAULT_SUBDISTRICTS).scan(r.text)) {
    if (r.overlapsPlace(h)) continue;
    r.places.push(h);
    if (h.values.length && keep(h))
      for (const v of h.values) facts.push({ field: 'subdistrict', value: v, at: h });
  }
  return facts;
}

// ---------------------------------------------------------------------------
// Amounts and headcount

interface Quantity extends Span {
  value: number;
  /** A count written with 人/名/位 (`120人`), which reads as people by itself after 有 (`我们有120人`). */
  people?: boolean;
}

/** Which money figure or count an amount is: the closest cue in its clause, each cue used once. */
function pairWithCues<K extends string>(
  r: Reading,
  items: Quantity[],
  cues: Hit<K>[],
  fits: (gap: string, cueBefore: boolean) => boolean,
): Map<Quantity, Hit<K>> {
  const pairs: { item: Quantity; cue: Hit<K>; distance: number; before: boolean }[] = [];
  for (const item of items) {
    const clause = r.clauseOf(item.start);
    const sameClause = (s: Span) => r.clauseOf(s.start) === clause;
    const between = (a: number, b: number) => items.some((o) => o !== item && o.start >= a && o.end <= b);
    const before = cues.filter((c) => c.end <= item.start && sameClause(c)).at(-1);
    const after = cues.find((c) => c.start >= item.end && sameClause(c));
    if (before && !between(before.end, item.start) && fits(r.text.slice(before.end, item.start), true))
      pairs.push({ item, cue: before, distance: item.start - before.end, before: true });
    if (after && !between(item.end, after.start) && fits(r.text.slice(item.end, after.start), false))
      pairs.push({ item, cue: after, distance: after.start - item.end, before: false });
  }
  pairs.sort(
    (a, b) => a.distance - b.distance || Number(b.before) - Number(a.before) || a.item.start - b.item.start,
  );
  const taken = new Map<Quantity, Hit<K>>();
  const usedCues = new Set<Hit<K>>();
  for (const p of pairs) {
    if (taken.has(p.item) || usedCues.has(p.cue)) continue;
    taken.set(p.item, p.cue);
    usedCues.add(p.cue);
  }
  return taken;
}

const MONEY_GAP_BEFORE = /^.{0,24}$/s;
const MONEY_GAP_AFTER = /^\s*(?:的|之|in|of|worth of)?\s*$/;

function moneyFacts(r: Reading, masked: string, cues: Hit<AmountCue>[]): { facts: Fact[]; spans: Span[] } {
  const amounts: Quantity[] = extractAmounts(masked, { requireNumber: true })
    .map((a) => ({ start: a.index, end: a.index + a.text.length, value: a.value }))
    .filter((a) => !r.isAsked(a) && a.value <= 1e15);
  const moneyCues = cues.filter((c) => !c.values.includes('employees'));
  const paired = pairWithCues(r, amounts, moneyCues, (gap, before) =>
    before ? MONEY_GAP_BEFORE.test(gap) : MONEY_GAP_AFTER.test(gap),
  );
  const facts: Fact[] = [];
  for (const [a, cue] of paired) {
    const field = cue.values.find((v) => v === 'annualRevenueCny' || v === 'annualTaxCny');
    if (!field || cue.values.includes('other')) continue;
    // A projection (预计今年营收1亿) or a range (300万至500万) is not last year's figure.
    const from = { start: Math.min(a.start, cue.start), end: Math.max(a.end, cue.end) };
    if (r.before(from, 'intent') || inRange(r.text, a, amounts)) continue;
    facts.push({
      field,
      value: a.value,
      at: { start: Math.min(a.start, cue.start), end: Math.max(a.end, cue.end) },
    });
  }
  return { facts, spans: amounts };
}

const RANGE_WORD = /^\s*(?:至|到|-|~|～|—|–|to)\s*$/;

function inRange(text: string, a: Quantity, all: Quantity[]): boolean {
  return all.some(
    (o) =>
      o !== a && RANGE_WORD.test(o.start >= a.end ? text.slice(a.end, o.start) : text.slice(o.end, a.start)),
  );
}

const COUNT =
  /(?<![a-z0-9.])(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(\s*万)?(?:\s*(?:多|余|来|\+))?(\s*(?:个人|人|名|位))?/g;
/** What may follow a number for it to be a count: not 年, 号, 楼, %, a letter, … */
const NOT_A_COUNT_AFTER = /^(?:[a-z]|\s*(?:[年月日号楼层%岁次天周期元块亿万倍米平栋座届代]|个月|人民币))/;
const NOT_PEOPLE_AFTER = /^(?:民|次|口|均|份|工|才|士)/;
const COUNT_GAP_BEFORE =
  /^(?:\s|[:=~：]|有|约|大约|大概|共|共有|总共|合计|人数|规模|为|是|达|达到|近|超过|已|已有|目前|现有|在|左右|of|is|are|at|around|about|approximately|roughly|nearly|over|some|total|in total)*$/;
const COUNT_GAP_AFTER = /^(?:\s|的|多|名|个|位|\+|full-time|full time)*$/;
const HAS_PEOPLE_BEFORE = /(?:有|共有|现有|总共|一共|共计|合计)\s*$/;

function parseCount(num: string, wan: boolean): number | undefined {
  let n = /\d/.test(num) ? Number(num.replace(/,/g, '')) : parseChineseNumeral(num);
  if (n === undefined) return undefined;
  if (wan) n *= 1e4;
  return Number.isInteger(n) && n > 0 && n <= 10_000_000 ? n : undefined;
}

function headcountFacts(r: Reading, masked: string, money: Span[], cues: Hit<AmountCue>[]): Fact[] {
  const counts: Quantity[] = [];
  for (const m of masked.matchAll(COUNT)) {
    const [whole, num = '', wan, suffix] = m;
    const start = m.index ?? 0;
    const at = { start, end: start + whole.trimEnd().length };
    const rest = masked.slice(at.end);
    if (!/\d/.test(num) && !suffix) continue;
    if (!suffix && NOT_A_COUNT_AFTER.test(rest)) continue;
    if (suffix && /人/.test(suffix) && NOT_PEOPLE_AFTER.test(rest)) continue;
    if (money.some((s) => at.start < s.end && s.start < at.end) || r.isAsked(at) || r.overlapsPlace(at))
      continue;
    const value = parseCount(num, !!wan);
    if (value !== undefined) counts.push({ ...at, value, people: !!suffix });
  }
  const staff = cues.filter((c) => c.values.includes('employees'));
  const paired = pairWithCues(r, counts, staff, (gap, before) =>
    (before ? COUNT_GAP_BEFORE : COUNT_GAP_AFTER).test(gap.trim() === '' ? '' : gap.toLowerCase()),
  );
  const facts: Fact[] = [];
  for (const c of counts) {
    const cue = paired.get(c);
    if (cue)
      facts.push({
        field: 'employees',
        value: c.value,
        at: { start: Math.min(c.start, cue.start), end: Math.max(c.end, cue.end) },
      });
    else if (
      c.people &&
      HAS_PEOPLE_BEFORE.test(r.text.slice(r.clauses[r.clauseOf(c.start)]?.start ?? 0, c.start))
    )
      facts.push({ field: 'employees', value: c.value, at: c });
  }
  return facts;
}

// ---------------------------------------------------------------------------
// The business phrase (industry.description)

const ZH_LEAD =
  /^(?:\s|我们公司|我们|我司|本公司|咱们|公司|我|主要是|主要|是|一家|家|目前|现在|专门|专业|专注于|专注|从事|主营业务是|主营|业务是|行业是|做的是|做|搞|经营|提供|负责|属于|下属|旗下|的)+/;
const ZH_TAIL = /(?:\s|的|了|呢|啊|这块|这一块|方面)+$/;
const EN_LEAD =
  /^(?:\s|-|hi|hello|hey|,|!|we're|we are|we do|we run|we make|we build|we provide|we sell|we operate|we offer|i run|i'm|i am|our|my|this is|an?|the|into|doing|running|based|-based)+\b/i;
const EN_TAIL = /(?:\s+(?:is|are|was|has|have|that|which))+$/i;
const EN_STOP =
  /\s(?:in|at|with|based|located|and|that|which|from|since|for|registered|earning|making|having|headquartered|who|whose|is|are|was|were)\b/i;
const ZH_STOP =
  /位于|坐落|入驻|办公|注册|落户|地址|去年|今年|明年|年营收|有什么|有哪些|有没有|能不能|可以|怎么|吗|呢|\d|在(?!线)/;

function businessPhrase(r: Reading, track: Span, cuts: Span[]): string {
  const clause = r.clauses[r.clauseOf(track.start)] as Span;
  let start = clause.start;
  let end = clause.end;
  for (const c of cuts) {
    if (c.end <= track.start && c.end > start && c.start >= clause.start) start = c.end;
    if (c.start >= track.end && c.start < end && c.end <= clause.end) end = c.start;
  }
  let phrase = r.original.slice(start, end);
  const zh = CJK.test(phrase);
  const trackOffset = track.start - start;
  if (zh) {
    const stop = ZH_STOP.exec(r.text.slice(track.end, end));
    if (stop) phrase = phrase.slice(0, track.end - start + stop.index);
    // Measured on the folded text, so that Traditional input (我們是) is trimmed like Simplified.
    const lead = ZH_LEAD.exec(r.text.slice(start, start + phrase.length))?.[0].length ?? 0;
    phrase = phrase.slice(Math.min(lead, trackOffset));
    phrase = phrase.slice(
      0,
      phrase.length -
        (ZH_TAIL.exec(
          r.text.slice(
            start + Math.min(lead, trackOffset),
            start + Math.min(lead, trackOffset) + phrase.length,
          ),
        )?.[0].length ?? 0),
    );
  } else {
    const stop = EN_STOP.exec(phrase.slice(trackOffset + (track.end - track.start)));
    if (stop) phrase = phrase.slice(0, track.end - start + stop.index);
    const lead = EN_LEAD.exec(phrase)?.[0].length ?? 0;
    phrase = phrase.slice(Math.min(lead, trackOffset)).trimEnd().replace(EN_TAIL, '');
  }
  phrase = phrase.trim().replace(/[\s,.;:!?，。；：！？、]+$/u, '');
  if (Array.from(phrase).length < 2) phrase = r.words(track);
  return Array.from(phrase).slice(0, MAX_DESCRIPTION).join('');
}

// ---------------------------------------------------------------------------

const SINGLE_FIELDS = [
  'building',
  'subdistrict',
  'annualRevenueCny',
  'annualTaxCny',
  'employees',
  'listing.market',
  'ownership',
  'headquarters',
  'registeredInLuohu',
  'relocating',
] as const;

/** When a message says two things about listing, the stronger fact wins: listed, then pre-IPO. */
const LISTING_RANK: Record<string, number> = { listed: 0, pre_ipo: 1, unlisted: 2 };

export function extractFromMessage(message: string, ctx: ExtractionContext): ExtractionResult {
  const original = typeof message === 'string' ? message.slice(0, MAX_SCANNED_CHARS) : '';
  const lex = compileLexicon(ctx.lexicon);
  const r = new Reading(original, foldForScan(original), lex);

  const facts: Fact[] = placeFacts(r, ctx);
  const masked = maskSpans(r.text, r.places);
  const cues = r.hits(lex.amountCues);
  const money = moneyFacts(r, masked, cues);
  facts.push(...money.facts, ...headcountFacts(r, masked, money.spans, cues));

  const trackFacts = termFacts(r, lex.tracks, 'industry.tracks', plain(r));
  const designationFacts = termFacts(r, lex.designations, 'designations', plain(r, { uncertainAfter: true }));
  const statusFacts = listingFacts(r);
  facts.push(
    ...trackFacts,
    ...designationFacts,
    ...statusFacts,
    ...termFacts(r, lex.markets, 'listing.market', plain(r)),
    ...termFacts(r, lex.ownership, 'ownership', plain(r)),
    ...termFacts(r, lex.headquarters, 'headquarters', plain(r)),
    ...settlementFacts(r),
  );
  // The business phrase comes from an industry word standing on its own: not a
  // headquarters word (a role, not a business), not part of another statement.
  const others = facts.filter((f) => f.field !== 'industry.tracks');
  const firstTrack = trackFacts
    .sort((a, b) => a.at.start - b.at.start)
    .find(
      (f) =>
        f.value !== 'headquarters' && !others.some((o) => f.at.start < o.at.end && o.at.start < f.at.end),
    );
  if (firstTrack) {
    const cuts = others.map((f) => f.at);
    for (const c of cues) cuts.push(c);
    facts.push({
      field: 'industry.description',
      value: businessPhrase(r, firstTrack.at, cuts),
      at: firstTrack.at,
    });
  }
  return settle(r, facts);
}

function maskSpans(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** Settles conflicts (first mention wins, listing by rank) and builds the profile. */
function settle(r: Reading, facts: Fact[]): ExtractionResult {
  facts.sort((a, b) => a.at.start - b.at.start);
  const chosen: Fact[] = [];
  const seen = new Set<string>();
  for (const f of facts) {
    const key =
      SINGLE_FIELDS.includes(f.field as (typeof SINGLE_FIELDS)[number]) || f.field === 'industry.description'
        ? f.field
        : `${f.field}=${f.value}`;
    if (f.field === 'listing.status') continue;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(f);
  }
  const status = facts
    .filter((f) => f.field === 'listing.status')
    .sort((a, b) => (LISTING_RANK[a.value as string] ?? 9) - (LISTING_RANK[b.value as string] ?? 9))[0];
  if (status) chosen.push(status);
  chosen.sort((a, b) => a.at.start - b.at.start);

  const profile: Record<string, unknown> = {};
  const groups: Record<string, Record<string, unknown>> = {};
  const lists: Record<string, unknown[]> = {};
  for (const f of chosen) {
    const [head, sub] = f.field.split('.') as [string, string | undefined];
    const listKey = sub === 'tracks' ? f.field : head === 'designations' ? head : undefined;
    if (listKey) {
      lists[listKey] = [...(lists[listKey] ?? []), f.value];
    } else if (sub) {
      groups[head] = { ...groups[head], [sub]: f.value };
    } else {
      profile[head] = f.value;
    }
  }
  if (lists['industry.tracks']) groups.industry = { ...groups.industry, tracks: lists['industry.tracks'] };
  if (lists.designations) profile.designations = lists.designations;
  Object.assign(profile, groups);
  const extracted: Extraction[] = [];
  for (const f of chosen) {
    extracted.push({
      field: f.field,
      value: f.value,
      text: f.field === 'industry.description' ? String(f.value) : r.words(f.at),
    });
  }
  return { profile: profile as Partial<Profile>, extracted };
}

/**
 * Merges what a message said into the profile the conversation has so far: a
 * new statement replaces an old one; tracks and designations accumulate.
 */
export function mergeProfile(base: Profile, update: Partial<Profile>): Profile {
  const union = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
    a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined;
  const merged: Profile = { ...base, ...update };
  if (base.industry || update.industry) {
    merged.industry = { ...base.industry, ...update.industry };
    const tracks = union(base.industry?.tracks, update.industry?.tracks);
    if (tracks) merged.industry.tracks = tracks;
  }
  if (base.listing || update.listing) merged.listing = { ...base.listing, ...update.listing };
  const designations = union(base.designations, update.designations);
  if (designations) merged.designations = designations;
  return merged;
}
