import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readRawCatalog } from '../../shared/catalog/load-seeds.js';
import {
  BuildingSchema,
  IndustryDivisionSchema,
  SubdistrictSchema,
  TrackSchema,
} from '../../shared/catalog/schema.js';
import { foldName } from '../../shared/text/normalize.js';

// The reference data that clauses and profiles point into: a wrong row here
// silently mismatches every company that names the building, code or subdistrict.

const raw = readRawCatalog();
const tracks = z.array(TrackSchema).parse(raw.tracks);
const subdistricts = z.array(SubdistrictSchema).parse(raw.subdistricts);
const industries = z.array(IndustryDivisionSchema).parse(raw.industries);
const buildings = z.array(BuildingSchema).parse(raw.buildings);
const trackIds = new Set(tracks.map((t) => t.id));

/** Every spelling under which a building can be looked up, folded the way the resolver folds. */
function foldedKeys(b: (typeof buildings)[number]): string[] {
  return [...new Set([b.id, b.name, b.nameEn, ...b.aliases].filter((k): k is string => !!k).map(foldName))];
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe("Luohu's subdistricts", () => {
  it('are exactly the ten 街道 with unique ids', () => {
    expect(subdistricts.map((s) => s.id).sort()).toEqual(
      ['东晓', '东湖', '东门', '南湖', '桂园', '清水河', '笋岗', '翠竹', '莲塘', '黄贝'].sort(),
    );
  });

  it('do not share a name or alias', () => {
    const keys = subdistricts.flatMap((s) => [
      ...new Set([s.id, s.name.zh, s.name.en, ...s.aliases].map(foldName)),
    ]);
    expect(duplicates(keys)).toEqual([]);
  });
});

describe('the GB/T 4754-2017 industry table', () => {
  // Division numbers per section, as the standard assigns them.
  const SECTION_RANGES: Record<string, [number, number]> = {
    A: [1, 5],
    B: [6, 12],
    C: [13, 43],
    D: [44, 46],
    E: [47, 50],
    F: [51, 52],
    G: [53, 60],
    H: [61, 62],
    I: [63, 65],
    J: [66, 69],
    K: [70, 70],
    L: [71, 72],
    M: [73, 75],
    N: [76, 79],
    O: [80, 82],
    P: [83, 83],
    Q: [84, 85],
    R: [86, 90],
    S: [91, 96],
    T: [97, 97],
  };
  const sections = industries.filter((d) => d.code.length === 1);
  const divisions = industries.filter((d) => d.code.length === 3);

  it('has the 20 sections A–T and the 97 divisions 01–97, each once', () => {
    expect(sections.map((s) => s.code)).toEqual(Object.keys(SECTION_RANGES));
    expect(divisions.map((d) => Number(d.code.slice(1))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 97 }, (_, i) => i + 1),
    );
    expect(duplicates(industries.map((d) => d.code))).toEqual([]);
  });

  it('files every division under the section the standard puts it in', () => {
    for (const d of divisions) {
      const range = SECTION_RANGES[d.code[0] ?? ''];
      expect(range, `${d.code}: unknown section`).toBeDefined();
      const n = Number(d.code.slice(1));
      expect(n >= range![0] && n <= range![1], `${d.code} is outside section ${d.code[0]}`).toBe(true);
    }
  });

  it('maps only to tracks that exist', () => {
    for (const d of industries)
      for (const t of d.tracks) expect(trackIds.has(t), `${d.code}: ${t}`).toBe(true);
  });

  it('keeps the obvious mappings the matcher relies on', () => {
    const tracksOf = (code: string) => industries.find((d) => d.code === code)?.tracks ?? [];
    expect(tracksOf('I65')).toContain('software');
    expect(tracksOf('J')).toContain('finance');
    expect(tracksOf('F51')).toContain('commerce');
    expect(tracksOf('Q84')).toContain('health');
    expect(tracksOf('C27')).toContain('life_sciences');
    expect(tracksOf('G56')).toContain('low_altitude');
  });
});

describe('the named buildings, parks and areas', () => {
  it('have unique ids', () => {
    expect(duplicates(buildings.map((b) => b.id))).toEqual([]);
  });

  it('never share a folded name or alias, so every name resolves to one place', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const b of buildings) {
      for (const key of foldedKeys(b)) {
        const other = owner.get(key);
        if (other) clashes.push(`${key}: ${other} and ${b.id}`);
        owner.set(key, b.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('carry at least one known track; parks and bases also carry industrial space', () => {
    for (const b of buildings) {
      expect(b.tracks.length, b.id).toBeGreaterThan(0);
      for (const t of b.tracks) expect(trackIds.has(t), `${b.id}: ${t}`).toBe(true);
      if (b.kind === 'park') expect(b.tracks, b.id).toContain('industrial_space');
    }
  });

  it('name a known subdistrict or none', () => {
    const ids = new Set(subdistricts.map((s) => s.id));
    for (const b of buildings)
      if (b.subdistrict !== null) expect(ids.has(b.subdistrict), `${b.id}: ${b.subdistrict}`).toBe(true);
  });

  it('include every carrier the issue names, under any printed spelling', () => {
    const byKey = new Map(buildings.flatMap((b) => foldedKeys(b).map((k) => [k, b.id] as const)));
    const named = [
      '润弘大厦',
      '粤海城T1',
      '华润大厦',
      '云启大厦',
      '深业泰富科创大厦',
      '深润大厦',
      '鸿隆世纪广场',
      '金威旅游大厦',
      'HALO广场',
      '高投大厦',
      '京基100',
      '地王大厦',
      '新材料产业大厦',
      '5G智能终端大厦',
      '5G 智能终端大厦',
      '动漫大厦',
      '信息技术总部大厦',
      '广田大厦',
      '恒力科技大厦',
      '罗湖创意总部大厦',
      '深圳农商行总部大厦',
      '兆鑫汇金广场',
      '物资大厦',
      '城脉中心',
      '平安国际金融中心',
      '新质科技大厦',
      '正德大厦',
      '博元大厦',
      '江洲大厦',
      '水贝国际珠宝交易广场',
      '水贝金展国际珠宝广场',
      '软件服务总部大楼',
      '清水河人工智能产业基地',
      '莲塘互联网产业园',
      '笋岗金融科技产业园',
      '国家级动漫画产业园区',
      '怡景动漫基地',
      '梧桐视效创意产业园',
      '罗湖人才产业园',
      '深港生命健康产业园',
      '蔡屋围风投创投产业园',
      '元宇宙产业园',
      '跨境电商产业园',
    ];
    expect(named.filter((n) => !byKey.has(foldName(n)))).toEqual([]);
  });

  it('resolve Traditional, spaced and English spellings to the same place as the printed name', () => {
    const byKey = new Map(buildings.flatMap((b) => foldedKeys(b).map((k) => [k, b.id] as const)));
    const same: [string, string][] = [
      ['潤弘大廈', '润弘大厦'],
      ['粵海城 T1', '粤海城T1'],
      ['京基 100', '京基100'],
      ['KK100', '京基100'],
      ['Shun Hing Square', '地王大厦'],
      ['國家級動漫畫產業園區', '怡景动漫基地'],
    ];
    for (const [variant, printed] of same) {
      expect(byKey.get(foldName(variant)), variant).toBeDefined();
      expect(byKey.get(foldName(variant)), variant).toBe(byKey.get(foldName(printed)));
    }
  });
});
