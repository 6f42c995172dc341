import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalogFromSeeds } from '../../shared/catalog/load-seeds.js';
import { type Extraction, extractFromMessage } from '../../shared/chat/extract.js';
import { readLexicon } from '../../shared/chat/load-lexicon.js';
import { composeReply } from '../../shared/chat/reply.js';
import type { ClauseResult, MatchResult, Outcome, Validity } from '../../shared/engine/index.js';
import { compileCatalog, match } from '../../shared/engine/index.js';
import { LANGS, messagesFor } from '../../shared/i18n/index.js';

const catalog = loadCatalogFromSeeds();
const compiled = compileCatalog(catalog);
const ctx = { buildings: catalog.buildings, lexicon: readLexicon(), subdistricts: catalog.subdistricts };
const messages = (
  parse(readFileSync(new URL('./messages.yaml', import.meta.url), 'utf8')) as { say: string }[]
).map((c) => c.say);
const chars = (s: string) => Array.from(s).length;
/** A date inside the plans' periods, and one after all of them have ended. */
const DATES = ['2025-06-30', '2026-11-21'];

function chat(message: string, lang: 'zh' | 'en', asOf: string) {
  const { profile, extracted } = extractFromMessage(message, ctx);
  const result = match(compiled, profile, { asOf, lang });
  return { result, extracted, reply: composeReply(result, extracted, lang) };
}

describe('composeReply with the real engine and catalog', () => {
  const runs = messages.flatMap((m) =>
    LANGS.flatMap((lang) => DATES.map((asOf) => [m, lang, asOf] as const)),
  );

  it.each(runs)('%s (%s, %s): one bubble that ends with the best next question', (message, lang, asOf) => {
    const { result, reply } = chat(message, lang, asOf);
    expect(chars(reply)).toBeLessThanOrEqual(200);
    const question = result.nextQuestions[0]?.question ?? messagesFor(lang).chat.closing;
    expect(reply.endsWith(question)).toBe(true);
    const eligible = result.results.filter((r) => r.outcome === 'eligible');
    if (eligible.length) {
      // Names at least one measure the company qualifies for, whole or shortened.
      expect(eligible.some((r) => reply.includes(Array.from(r.title).slice(0, 12).join('')))).toBe(true);
    }
  });

  it('names a measure of the company’s own track first', () => {
    const { result, reply } = chat('我们是做无人机配送的，在粤海城T1，去年营收3000万', 'zh', '2025-06-30');
    const named = result.results.find((r) => r.outcome === 'eligible' && reply.includes(r.title));
    expect(named?.tracks).toContain('low_altitude');
    expect(reply).toMatch(/^已记录：无人机配送、粤海城T1、营收3000万。可享受\d+项政策，如「/);
  });

  it('says when every measure the company meets has ended its plan period', () => {
    expect(chat('珠宝批发，年销售额2个亿', 'zh', '2026-11-21').reply).toContain('均已过规划期');
    expect(chat('jewelry wholesale, revenue of RMB 200 million', 'en', '2026-11-21').reply).toContain(
      'whose plan periods have ended',
    );
  });

  it('stays within one bubble for any message', () => {
    const words = [...messages, '，', ' ', '拟上市', '国高', '3000万', 'HKEX'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 6 }),
        fc.constantFrom(...LANGS),
        (parts, lang) => {
          expect(chars(chat(parts.join(''), lang, '2025-06-30').reply)).toBeLessThanOrEqual(200);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// Hand-made results for the edges the catalog does not reach.
function clause(
  title: string,
  outcome: Outcome,
  validity: Validity = 'in_force',
  tracks: string[] = [],
): ClauseResult {
  return { policyId: title, title, tracks, outcome, validity, criteria: [] } as unknown as ClauseResult;
}

function result(
  results: ClauseResult[],
  question?: string,
  profile: MatchResult['profile'] = {},
): MatchResult {
  const counts = { eligible: 0, needs_info: 0, ineligible: 0 };
  for (const r of results) counts[r.outcome]++;
  return {
    catalogVersion: 'test',
    engineVersion: 'test',
    asOf: '2025-06-30',
    lang: 'zh',
    profile,
    warnings: [],
    results,
    nextQuestions: question ? [{ field: 'annualRevenueCny', question, resolves: 3 }] : [],
    counts,
  };
}

const noted: Extraction[] = [
  { field: 'industry.tracks', value: 'jewelry', text: '珠宝' },
  { field: 'industry.description', value: '珠宝批发', text: '珠宝批发' },
  { field: 'annualTaxCny', value: 5_000_000, text: '纳税500万' },
];

describe('composeReply', () => {
  it('gives the count, two titles, the open count and the question', () => {
    const r = result(
      [
        clause('甲政策', 'eligible'),
        clause('乙政策', 'eligible'),
        clause('丙政策', 'eligible'),
        clause('丁', 'needs_info'),
      ],
      '贵公司上一完整年度的营业收入是多少？',
    );
    expect(composeReply(r, noted, 'zh')).toBe(
      '已记录：珠宝批发、纳税500万。可享受3项政策，如「甲政策」「乙政策」。另有1项需补充信息后确认。贵公司上一完整年度的营业收入是多少？',
    );
  });

  it('speaks of one measure in the singular in English', () => {
    const r = result([clause('Compute vouchers', 'eligible')], 'What was your revenue last year?');
    expect(composeReply(r, [{ field: 'industry.tracks', value: 'ai', text: 'AI' }], 'en')).toBe(
      'Noted: AI. You qualify for 1 measure: “Compute vouchers”. What was your revenue last year?',
    );
  });

  it('greets when nothing is known and says so when a message added nothing', () => {
    const open = [clause('甲', 'needs_info')];
    expect(composeReply(result(open, '问？'), [], 'zh')).toBe(
      '您好，我是罗i企，可根据贵公司的情况匹配罗湖区惠企政策。暂时还不能确定可享受哪些政策，1项待确认。问？',
    );
    expect(composeReply(result(open, '问？', { employees: 10 }), [], 'zh')).toBe(
      '这句话里没有识别到新的企业信息。暂时还不能确定可享受哪些政策，1项待确认。问？',
    );
  });

  it('closes with the service center when there is nothing left to ask', () => {
    const reply = composeReply(result([clause('甲', 'ineligible')]), noted, 'zh');
    expect(reply).toBe(
      '已记录：珠宝批发、纳税500万。按目前信息，暂未匹配到可享受的政策。如需办理，可联系罗湖区企业服务中心。',
    );
  });

  it.each(LANGS)(
    'shortens very long titles to fit one bubble and still ends with the question (%s)',
    (lang) => {
      const long = (c: string) => `${c} ${'very long title words '.repeat(20)}`;
      const question =
        lang === 'zh' ? '贵公司目前有多少名员工？' : 'How many employees does your company have?';
      const r = result(
        [clause(long('A'), 'eligible'), clause(long('B'), 'eligible'), clause('x', 'needs_info')],
        question,
      );
      const reply = composeReply(r, noted, lang);
      expect(chars(reply)).toBeLessThanOrEqual(200);
      expect(reply.endsWith(question)).toBe(true);
      expect(reply).toContain(`A very long title${messagesFor(lang).chat.ellipsis}`.slice(0, 12));
      expect(reply).toContain(messagesFor(lang).chat.ellipsis);
      expect(reply).not.toContain('B very');
    },
  );

  it('names the company’s own track before other measures', () => {
    const r = result(
      [
        clause('Generic', 'eligible', 'in_force', ['commerce']),
        clause('Drones', 'eligible', 'in_force', ['low_altitude']),
      ],
      'Q?',
      { industry: { tracks: ['low_altitude'] } },
    );
    expect(composeReply(r, [], 'en')).toContain('e.g. “Drones” and “Generic”');
  });
});
