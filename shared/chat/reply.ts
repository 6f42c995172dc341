import type { ClauseResult, MatchResult } from '../engine/types.js';
import { fill, type Lang, messagesFor } from '../i18n/index.js';
import type { Extraction } from './extract.js';

// The 罗i企 reply: one chat bubble. What the company qualifies for (how many
// measures, the best one or two by name), then the single question that would
// settle the most open results. Text comes from shared/i18n/{zh,en}/chat.ts.

/** A chat bubble, counted in characters (code points) as a reader sees them. */
const MAX_REPLY_CHARS = 200;

const chars = (s: string) => Array.from(s).length;
const MAX_NOTED_ITEMS = 4;

interface Parts {
  lead?: string;
  status: string;
  pending?: string;
  question: string;
}

export function composeReply(result: MatchResult, extracted: readonly Extraction[], lang: Lang): string {
  const t = messagesFor(lang).chat;
  const sep = lang === 'zh' ? '' : ' ';
  const join = (p: Parts) => [p.lead, p.status, p.pending, p.question].filter(Boolean).join(sep);
  const measures = (n: number) => (n === 1 ? t.measures.one : t.measures.other);

  const eligible = byRelevance(
    result,
    result.results.filter((r) => r.outcome === 'eligible'),
  );
  const live = eligible.filter((r) => r.validity !== 'expired');
  const shown = live.length ? live : eligible;
  const liveOpen = result.results.filter(
    (r) => r.outcome === 'needs_info' && r.validity !== 'expired',
  ).length;
  const open = result.results.filter((r) => r.outcome === 'needs_info').length;

  const status = (titles: string[]): string => {
    const params = {
      count: shown.length,
      measures: measures(shown.length),
      titles: titles.join(t.titleSeparator),
    };
    if (live.length === 1) return fill(t.eligibleOne, params);
    if (live.length) return fill(t.eligible, params);
    if (eligible.length) return fill(t.eligibleExpired, params);
    if (open) return fill(t.unsettled, { count: open, measures: measures(open) });
    return t.noMatch;
  };
  const quoted = (c: ClauseResult) => fill(t.title, { title: c.title });

  const parts: Parts = {
    lead: leadSentence(result, extracted, lang),
    status: status(shown.slice(0, 2).map(quoted)),
    pending:
      live.length && liveOpen
        ? fill(t.pending, { count: liveOpen, measures: measures(liveOpen) })
        : undefined,
    question: result.nextQuestions[0]?.question ?? t.closing,
  };

  // Over budget: drop what matters least first — the acknowledgement, the count of
  // open results, the second title — then shorten the one title that is left.
  const shrinks = [
    () => {
      parts.lead = undefined;
    },
    () => {
      parts.pending = undefined;
    },
    () => {
      parts.status = status(shown.slice(0, 1).map(quoted));
    },
  ];
  for (const shrink of shrinks) {
    if (chars(join(parts)) <= MAX_REPLY_CHARS) return join(parts);
    shrink();
  }
  const first = shown[0];
  if (first && chars(join(parts)) > MAX_REPLY_CHARS) {
    const room = MAX_REPLY_CHARS - (chars(join(parts)) - chars(first.title)) - chars(t.ellipsis);
    const title = room > 0 ? shorten(first.title, room, lang) + t.ellipsis : t.ellipsis;
    parts.status = status([fill(t.title, { title })]);
  }
  const reply = join(parts);
  return chars(reply) <= MAX_REPLY_CHARS ? reply : Array.from(reply).slice(0, MAX_REPLY_CHARS).join('');
}

/**
 * The measures worth naming first: those of the company's own tracks, then the
 * more specific ones (more conditions met), then the engine's order.
 */
function byRelevance(result: MatchResult, eligible: ClauseResult[]): ClauseResult[] {
  const own = new Set(result.profile.industry?.tracks ?? []);
  const overlap = (c: ClauseResult) => c.tracks.filter((t) => own.has(t)).length;
  const met = (c: ClauseResult) => c.criteria.filter((k) => k.outcome === 'met').length;
  return eligible
    .map((c, index) => ({ c, index }))
    .sort((a, b) => overlap(b.c) - overlap(a.c) || met(b.c) - met(a.c) || a.index - b.index)
    .map((x) => x.c);
}

/** The first `room` characters of a title; in English, ending on a whole word. */
function shorten(title: string, room: number, lang: Lang): string {
  const cut = Array.from(title).slice(0, room).join('');
  if (lang !== 'en') return cut;
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '');
}

/** "已记录：…" in the user's own words, or a greeting when nothing is known yet. */
function leadSentence(result: MatchResult, extracted: readonly Extraction[], lang: Lang): string | undefined {
  const t = messagesFor(lang).chat;
  if (extracted.length === 0) {
    const known = Object.values(result.profile).some((v) => v !== undefined);
    return known ? t.nothingNew : t.intro;
  }
  const texts = [...new Set(extracted.map((e) => e.text.trim()).filter(Boolean))];
  // "珠宝" and "珠宝批发" are one item: keep the longer words.
  const items = texts.filter((x) => !texts.some((y) => y !== x && y.includes(x))).slice(0, MAX_NOTED_ITEMS);
  return fill(t.noted, { items: items.join(t.itemSeparator) });
}
