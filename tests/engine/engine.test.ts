import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog } from '../../shared/catalog/catalog.js';
import { compileCatalog, match, validityOn } from '../../shared/engine/index.js';
import type { Profile } from '../../shared/profile.js';

const here = dirname(fileURLToPath(import.meta.url));
const raw = parse(readFileSync(join(here, 'fixtures/mini-catalog.yaml'), 'utf8'));
const cc = compileCatalog(buildCatalog({ ...raw, clauses: [raw.clauses] }));
const asOf = '2025-09-01';

function outcome(profile: Profile, id: string, lang: 'zh' | 'en' = 'zh') {
  const r = match(cc, profile, { asOf, lang }).results.find((x) => x.policyId === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
}

describe('three-valued matching', () => {
  it('treats a missing field as unknown, never as false', () => {
    const r = outcome({ registeredInLuohu: true }, 't-hq-tax');
    expect(r.outcome).toBe('needs_info');
    expect(r.criteria.map((c) => c.outcome)).toEqual(['unknown', 'met']);
    expect(r.questions.map((q) => q.field)).toEqual(['annualRevenueCny']);
  });

  it('is ineligible as soon as one criterion of an all fails, even with others unknown', () => {
    const r = outcome({ annualRevenueCny: 5e8 }, 't-hq-tax');
    expect(r.outcome).toBe('ineligible');
    expect(r.criteria.map((c) => c.outcome)).toEqual(['not_met', 'unknown']);
  });

  it('tests a threshold exactly at, just below and just above the stated number', () => {
    expect(outcome({ annualRevenueCny: 1e9, registeredInLuohu: true }, 't-hq-tax').outcome).toBe('eligible');
    expect(outcome({ annualRevenueCny: 1e9 - 1, registeredInLuohu: true }, 't-hq-tax').outcome).toBe(
      'ineligible',
    );
    expect(outcome({ annualRevenueCny: 1e9 + 1, registeredInLuohu: true }, 't-hq-tax').outcome).toBe(
      'eligible',
    );
  });

  it('is eligible when one branch of an any holds while another is unknown', () => {
    const r = outcome({ building: '潤弘大廈' }, 't-ai-or-building');
    expect(r.outcome).toBe('eligible');
    expect(r.criteria.map((c) => c.outcome)).toEqual(['unknown', 'met']);
  });

  it('needs info when no branch of an any holds and one is unknown', () => {
    expect(outcome({ building: '粤海城T1' }, 't-ai-or-building').outcome).toBe('needs_info');
  });

  it('applies not: a listed company fails a not-listed test and an unlisted one passes it', () => {
    const base: Profile = { designations: ['specialized_sme'], industry: { code: 'I6513' } };
    expect(outcome({ ...base, listing: { status: 'listed' } }, 't-not-listed-designation').outcome).toBe(
      'ineligible',
    );
    const ok = outcome({ ...base, listing: { status: 'unlisted' } }, 't-not-listed-designation');
    expect(ok.outcome).toBe('eligible');
    expect(ok.criteria[1]?.outcome).toBe('met');
    expect(ok.criteria[1]?.explanation).toContain('并非');
  });

  it('cannot settle a division test from a bare section code, but can from a finer code', () => {
    const base: Profile = { designations: ['little_giant'], listing: { status: 'pre_ipo' } };
    expect(outcome({ ...base, industry: { code: 'I' } }, 't-not-listed-designation').outcome).toBe(
      'needs_info',
    );
    expect(outcome({ ...base, industry: { code: 'I65' } }, 't-not-listed-designation').outcome).toBe(
      'eligible',
    );
    expect(outcome({ ...base, industry: { code: 'I64' } }, 't-not-listed-designation').outcome).toBe(
      'ineligible',
    );
  });

  it('takes stated tracks as complete but code-derived tracks only as proof of membership', () => {
    expect(outcome({ industry: { tracks: ['software'] } }, 't-ai-or-building').outcome).toBe('needs_info');
    expect(
      outcome({ industry: { tracks: ['software'] }, building: '粤海城T1' }, 't-ai-or-building').outcome,
    ).toBe('ineligible');
    expect(outcome({ industry: { code: 'I65' }, building: '粤海城T1' }, 't-ai-or-building').outcome).toBe(
      'needs_info',
    );
  });
});

describe('buildings', () => {
  it('resolves names in Traditional script, full width and with spaces', () => {
    for (const name of ['粤海城T1', '粵海城T1', '粤海城 T1', '粤海城Ｔ１', ' 粤海城t1 ']) {
      const r = match(cc, { building: name }, { asOf, lang: 'zh' });
      expect(r.profile.buildingId, name).toBe('yuehaicheng-t1');
      expect(r.warnings).toEqual([]);
    }
  });

  it('warns about an unrecognised building and treats building tests as unknown, not as failed', () => {
    const r = match(cc, { building: '不存在大厦', subdistrict: '笋岗' }, { asOf, lang: 'en' });
    expect(r.warnings).toEqual([expect.objectContaining({ field: 'profile.building' })]);
    expect(r.warnings[0]?.message).toContain('不存在大厦');
    expect(r.results.find((x) => x.policyId === 't-low-altitude-building')?.outcome).toBe('needs_info');
  });

  it('names the buildings that would satisfy a building test in the gap', () => {
    const r = outcome({ building: '粤海城T1', industry: { tracks: ['software'] } }, 't-ai-or-building');
    expect(r.gaps.flatMap((g) => g.satisfiedBy)).toContain('润弘大厦');
  });

  it('fills the subdistrict from a resolved building', () => {
    const r = match(cc, { building: '粤海城T1' }, { asOf, lang: 'zh' });
    expect(r.profile.subdistrict).toBe('笋岗');
    expect(r.results.find((x) => x.policyId === 't-low-altitude-building')?.outcome).toBe('eligible');
  });

  it('keeps a stated subdistrict that contradicts the building, and says so', () => {
    const r = match(cc, { building: '粤海城T1', subdistrict: '桂园' }, { asOf, lang: 'zh' });
    expect(r.profile.subdistrict).toBe('桂园');
    expect(r.warnings).toEqual([{ field: 'profile.subdistrict', message: expect.stringContaining('笋岗') }]);
    expect(r.warnings[0]?.message).toContain('桂园');
    const agreeing = match(cc, { building: '粤海城T1', subdistrict: '笋岗街道' }, { asOf, lang: 'en' });
    expect(agreeing.warnings).toEqual([]);
  });
});

describe('explanations, gaps and questions', () => {
  it('states the shortfall of a threshold in 万元/亿元 (zh) and CNY million/billion (en)', () => {
    const zh = outcome({ annualRevenueCny: 8e8, registeredInLuohu: true }, 't-hq-tax', 'zh');
    expect(zh.gaps[0]?.shortfall).toBe(2e8);
    expect(zh.gaps[0]?.explanation).toContain('还差2亿元');
    expect(zh.criteria[0]?.explanation).toContain('8亿元');
    const en = outcome({ annualRevenueCny: 8e8, registeredInLuohu: true }, 't-hq-tax', 'en');
    expect(en.gaps[0]?.explanation).toContain('CNY 200 million short');
    expect(en.criteria[0]?.explanation).toContain('CNY 1 billion');
  });

  it('names the designations that would satisfy a membership test', () => {
    const r = outcome({ designations: ['high_tech'], industry: { code: 'I65' } }, 't-not-listed-designation');
    expect(r.outcome).toBe('ineligible');
    expect(r.gaps[0]?.explanation).toContain('专精特新中小企业');
    expect(r.gaps[0]?.explanation).toContain('小巨人');
  });

  it('asks with options for an enumeration field', () => {
    const r = outcome(
      { designations: ['specialized_sme'], industry: { code: 'I65' } },
      't-not-listed-designation',
      'en',
    );
    const q = r.questions.find((x) => x.field === 'listing.status');
    expect(q?.options?.map((o) => o.value)).toEqual(['listed', 'pre_ipo', 'unlisted']);
    expect(q?.question).toMatch(/listing status/);
  });

  it('ranks the next questions by how many open results an answer would settle', () => {
    const r = match(cc, {}, { asOf, lang: 'zh' });
    const fields = r.nextQuestions.map((q) => q.field);
    expect(fields).toContain('building');
    const building = r.nextQuestions.find((q) => q.field === 'building');
    // The building answer bears on the AI-or-building clause and the low-altitude building clause.
    expect(building?.resolves).toBe(2);
    // Ranked by results settled per unit of effort (fields.ts): a GB/T code counts thrice.
    const score = (q: { field: string; resolves: number }) =>
      q.resolves / (q.field === 'industry.code' ? 3 : 1);
    for (let i = 1; i < r.nextQuestions.length; i++) {
      expect(score(r.nextQuestions[i - 1] as never)).toBeGreaterThanOrEqual(
        score(r.nextQuestions[i] as never),
      );
    }
  });
});

describe('validity and ordering', () => {
  it('labels periods as upcoming, in force or expired relative to asOf', () => {
    const p = { from: '2022-01-01', to: '2025-12-31' };
    expect(validityOn(p, '2021-12-31')).toBe('upcoming');
    expect(validityOn(p, '2022-01-01')).toBe('in_force');
    expect(validityOn(p, '2025-12-31')).toBe('in_force');
    expect(validityOn(p, '2026-01-01')).toBe('expired');
  });

  it('still evaluates expired clauses and labels them with their plan period', () => {
    const r = match(cc, { building: '粤海城T1' }, { asOf: '2026-11-21', lang: 'zh' });
    const old = r.results.find((x) => x.policyId === 't-low-altitude-building');
    expect(old?.outcome).toBe('eligible');
    expect(old?.validity).toBe('expired');
    expect(old?.validityLabel).toContain('2014-04-02');
  });

  it('orders eligible, then needs_info, then ineligible, in force before expired', () => {
    const r = match(
      cc,
      { building: '润弘大厦', annualRevenueCny: 1, listing: { status: 'listed' } },
      { asOf, lang: 'zh' },
    );
    const rank = { eligible: 0, needs_info: 1, ineligible: 2 } as const;
    const v = { in_force: 0, upcoming: 1, expired: 2 } as const;
    const keys = r.results.map((x) => rank[x.outcome] * 3 + v[x.validity]);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    // 润弘大厦's subdistrict is unknown, so the low-altitude building clause stays open.
    expect(r.results.map((x) => x.policyId)).toEqual([
      't-ai-or-building',
      't-low-altitude-building',
      't-hq-tax',
      't-not-listed-designation',
    ]);
  });

  it('filters by track and carries receipts', () => {
    const r = match(cc, {}, { asOf, lang: 'zh', tracks: ['headquarters'] });
    expect(r.results.map((x) => x.policyId)).toEqual(['t-hq-tax']);
    expect(r.catalogVersion).toBe(cc.version);
    expect(r.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('gives byte-identical output for the same input', () => {
    const p: Profile = {
      building: '粤海城T1',
      designations: ['little_giant', 'high_tech'],
      annualRevenueCny: 3e7,
    };
    expect(JSON.stringify(match(cc, p, { asOf, lang: 'en' }))).toBe(
      JSON.stringify(match(cc, p, { asOf, lang: 'en' })),
    );
  });
});

describe('subdistricts', () => {
  it('resolves a subdistrict in Traditional script, with 街道, or in pinyin', () => {
    for (const name of ['笋岗', '筍崗街道', '笋岗街道', 'Sungang Subdistrict', ' 笋 岗 ']) {
      const r = match(cc, { subdistrict: name }, { asOf, lang: 'zh' });
      expect(r.profile.subdistrict, name).toBe('笋岗');
      expect(r.warnings, name).toEqual([]);
    }
  });

  it('warns about an unknown subdistrict and leaves subdistrict tests unknown', () => {
    const r = match(cc, { subdistrict: '福田', building: '粤海城T1' }, { asOf, lang: 'zh' });
    expect(r.warnings.map((w) => w.field)).toEqual(['profile.subdistrict']);
    expect(r.results.find((x) => x.policyId === 't-low-altitude-building')?.outcome).toBe('needs_info');
  });
});

describe('lead departments', () => {
  it('are named as the plan names them in zh and with the glossary English name in en', () => {
    expect(outcome({}, 't-hq-tax', 'zh').leadDepartmentLabel).toBe('区发展改革局');
    expect(outcome({}, 't-hq-tax', 'en').leadDepartmentLabel).toBe('District Development and Reform Bureau');
    expect(outcome({}, 't-ai-or-building', 'en').leadDepartmentLabel).toBeNull();
  });
});
