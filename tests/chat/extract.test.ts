import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalogFromSeeds } from '../../shared/catalog/load-seeds.js';
import { type ExtractionContext, extractFromMessage, mergeProfile } from '../../shared/chat/extract.js';
import { readLexicon } from '../../shared/chat/load-lexicon.js';
import { type Profile, ProfileSchema } from '../../shared/profile.js';

interface Case {
  say: string;
  why?: string;
  expect: Profile;
}

const cases = parse(readFileSync(new URL('./messages.yaml', import.meta.url), 'utf8')) as Case[];
const catalog = loadCatalogFromSeeds();
const lexicon = readLexicon();
const ctx: ExtractionContext = { buildings: catalog.buildings, lexicon, subdistricts: catalog.subdistricts };

/** The value a profile holds for an extraction's field (lists: whether it holds the value). */
function holds(profile: Profile, field: string, value: unknown): boolean {
  const [head, sub] = field.split('.') as [keyof Profile, string | undefined];
  const v = sub ? (profile[head] as Record<string, unknown> | undefined)?.[sub] : profile[head];
  return Array.isArray(v) ? v.includes(value) : v === value;
}

describe('the message table', () => {
  it('has at least 40 messages, at least 8 of which must yield nothing', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => Object.keys(c.expect).length === 0).length).toBeGreaterThanOrEqual(8);
    expect(cases.some((c) => /[a-z]{3}/i.test(c.say) && !/[\u4e00-\u9fff]/.test(c.say))).toBe(true);
  });

  it.each(cases.map((c) => [c.say, c] as const))('%s', (_say, c) => {
    const { profile, extracted } = extractFromMessage(c.say, ctx);
    expect(profile, c.why).toEqual(c.expect);
    // Every value names the words it came from, as the user wrote them, and nothing else is said.
    for (const e of extracted) {
      expect(c.say).toContain(e.text);
      expect(holds(profile, e.field, e.value), `${e.field}=${String(e.value)}`).toBe(true);
    }
    const leaves = Object.values(profile).flatMap((v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v).flat() : [v].flat(),
    );
    expect(extracted.length).toBe(leaves.length);
  });
});

describe('extractFromMessage', () => {
  it('names a building by its catalog name whatever alias, script, width or spacing the message uses', () => {
    for (const say of ['在粤海城T1', '在粵海城 T1', '在粤海城Ｔ１', 'we are in Yuehaicheng Tower 1']) {
      expect(extractFromMessage(say, ctx).profile.building, say).toBe('粤海城T1');
    }
  });

  it('knows subdistricts by pinyin only when the catalog subdistricts are given', () => {
    expect(extractFromMessage('an office in Sungang', ctx).profile.subdistrict).toBe('笋岗');
    const bare = { buildings: catalog.buildings, lexicon };
    expect(extractFromMessage('an office in Sungang', bare).profile.subdistrict).toBeUndefined();
    expect(extractFromMessage('我们在笋岗街道', bare).profile.subdistrict).toBe('笋岗');
  });

  it('reads "拟上市" as pre-IPO and never as listed', () => {
    for (const say of ['我们是拟上市企业', '拟上市', '公司拟于明年上市', '列入上市后备企业名单']) {
      expect(extractFromMessage(say, ctx).profile.listing?.status, say).toBe('pre_ipo');
    }
  });

  it('keeps the number words of an amount in its text', () => {
    const { extracted } = extractFromMessage('去年营收3000万，纳税500万', ctx);
    expect(extracted).toEqual([
      { field: 'annualRevenueCny', value: 30_000_000, text: '营收3000万' },
      { field: 'annualTaxCny', value: 5_000_000, text: '纳税500万' },
    ]);
  });

  it('does not take a count of products, years or people served for the headcount', () => {
    for (const say of [
      '成立于2015年',
      '服务了5000人次',
      '我们有3个产品',
      '100人民币',
      'we serve 5000 customers',
    ]) {
      expect(extractFromMessage(say, ctx).profile.employees, say).toBeUndefined();
    }
  });

  it('does not take a run of words longer than a building name for an unknown building', () => {
    expect(extractFromMessage('we are in the Harbour Tower', ctx).profile.building).toBe('Harbour Tower');
    const long = `we are in the A${'a'.repeat(300)} Tower`;
    expect(extractFromMessage(long, ctx).profile.building).toBeUndefined();
  });

  it('returns nothing for input that is not text', () => {
    expect(extractFromMessage(undefined as unknown as string, ctx)).toEqual({ profile: {}, extracted: [] });
  });
});

describe('extraction on any input', () => {
  const terms = [
    ...Object.values(lexicon.tracks).flatMap((t) => [...t.zh, ...t.en]),
    ...Object.values(lexicon.designations).flatMap((t) => [...(t?.zh ?? []), ...(t?.en ?? [])]),
    ...lexicon.negation.zh,
    ...lexicon.amountCues.annualRevenueCny.zh,
    '上市',
    '3000万',
    '两个亿',
    '120人',
    'RMB 30 million',
    '粤海城T1',
    '笋岗',
    '，',
    '。',
    ' ',
    '不是',
    'not',
  ];
  // Office towers the catalog does not know, named with words of any length.
  const unknownTowers = fc
    .tuple(
      fc.constantFrom('we are in the ', 'at ', '位于'),
      fc.array(
        fc.nat(150).map((n) => `H${'a'.repeat(n)}`),
        { minLength: 1, maxLength: 4 },
      ),
      fc.constantFrom(' Tower', ' Plaza', '大厦'),
    )
    .map(([lead, words, tail]) => lead + words.join(' ') + tail);
  const messages = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.array(fc.constantFrom(...terms), { maxLength: 25 }).map((a) => a.join('')),
    unknownTowers,
  );

  it('never throws and always yields a profile the profile schema accepts, with texts taken from the message', () => {
    fc.assert(
      fc.property(messages, (message) => {
        const { profile, extracted } = extractFromMessage(message, ctx);
        expect(ProfileSchema.safeParse(profile).success).toBe(true);
        for (const e of extracted) expect(message).toContain(e.text);
      }),
      { numRuns: 400 },
    );
  });
});

describe('mergeProfile', () => {
  it('replaces single facts and accumulates tracks and designations', () => {
    const base: Profile = {
      annualRevenueCny: 1,
      industry: { tracks: ['ai'], code: 'I65' },
      designations: ['high_tech'],
      listing: { market: 'HKEX' },
    };
    const merged = mergeProfile(base, {
      annualRevenueCny: 2,
      industry: { tracks: ['software', 'ai'] },
      designations: ['gazelle'],
      listing: { status: 'listed' },
    });
    expect(merged).toEqual({
      annualRevenueCny: 2,
      industry: { tracks: ['ai', 'software'], code: 'I65' },
      designations: ['high_tech', 'gazelle'],
      listing: { market: 'HKEX', status: 'listed' },
    });
  });
});
