import { BuildingIndex } from '../catalog/buildings.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Building, Clause, Comparison, Criterion, Localized, Operator } from '../catalog/schema.js';
import { DOCUMENT_PERIODS } from '../catalog/schema.js';
import { FIELD_IDS, FIELDS, type FieldId } from '../fields.js';
import { fill, LANGS, type Lang, messagesFor } from '../i18n/index.js';
import { formatCny } from '../money.js';
import type { BenefitView, PolicyView, Question, QuestionOption, SourceView, Validity } from './types.js';

// Compiling turns the catalog (data) into a form that evaluates fast: criteria
// become a small tree of leaves with their value sets prepared, building names
// are resolved to ids, and every phrase that does not depend on the profile is
// rendered once per language.

export const TRUE = 1;
export const FALSE = 0;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

export interface LeafText {
  label: string;
  expected: string;
}

export interface Leaf {
  field: FieldId;
  /** The field a question should ask for (derived fields ask for their source). */
  askField: FieldId;
  op: Operator;
  value: Comparison['value'];
  values: readonly string[];
  valueSet: ReadonlySet<string>;
  num: number;
  negated: boolean;
  /** Buildings that would satisfy a building test (for gaps and question options). */
  satisfyingBuildings: readonly Building[];
  text: Record<Lang, LeafText>;
}

export type Node =
  | { kind: 'all'; children: Node[] }
  | { kind: 'any'; children: Node[] }
  | { kind: 'not'; child: Node }
  | { kind: 'leaf'; leaf: Leaf; index: number };

export interface CompiledClause {
  clause: Clause;
  index: number;
  root: Node;
  leaves: Leaf[];
  trackSet: ReadonlySet<string>;
  /** Profile-independent parts of the result, per language and validity. */
  views: Record<Lang, Record<Validity, PolicyView>>;
  /** Per-clause questions (options narrowed to what would satisfy this clause). */
  questions: Record<Lang, Map<FieldId, Question>>;
}

export interface CompiledCatalog {
  version: string;
  catalog: Catalog;
  clauses: CompiledClause[];
  byId: Map<string, CompiledClause>;
  buildings: BuildingIndex;
  buildingById: Map<string, Building>;
  subdistrictByKey: Map<string, string>;
  /** GB/T 4754 code (section letter or letter+division) → tracks. */
  industryTracks: Map<string, readonly string[]>;
  industryNames: Map<string, Localized>;
  trackNames: Map<string, Localized>;
  /** Global questions with every option, per language. */
  questions: Record<Lang, Map<FieldId, Question>>;
}

const SET_OPS: ReadonlySet<Operator> = new Set(['in', 'notIn', 'hasAny', 'hasAll', 'hasNone', 'startsWithAny']);

function asList(value: Comparison['value']): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Renders one catalog or profile value of a field for people. */
export function formatValue(cc: Pick<CompiledCatalog, 'buildingById' | 'trackNames' | 'industryNames' | 'catalog'>, field: FieldId, value: unknown, lang: Lang): string {
  const m = messagesFor(lang).engine;
  const def = FIELDS[field];
  if (value === undefined || value === null) return m.notReported;
  if (Array.isArray(value)) {
    if (value.length === 0) return m.notReported;
    return value.map((v) => formatValue(cc, field, v, lang)).join(m.listSeparator);
  }
  if ('money' in def && def.money && typeof value === 'number') return formatCny(value, lang);
  if (field === 'employees' && typeof value === 'number') return lang === 'zh' ? `${value}人` : `${value}`;
  if (typeof value === 'boolean') return m.options.boolean[String(value) as 'true' | 'false'];
  const s = String(value);
  switch (field) {
    case 'industry.tracks':
    case 'building.tracks':
      return cc.trackNames.get(s)?.[lang] ?? s;
    case 'building': {
      const b = cc.buildingById.get(s);
      return b ? (lang === 'en' && b.nameEn ? b.nameEn : b.name) : s;
    }
    case 'industry.code': {
      const name = cc.industryNames.get(s);
      return name ? `${s} ${name[lang]}` : s;
    }
    case 'subdistrict': {
      const sd = cc.catalog.subdistricts.find((x) => x.id === s);
      return sd ? sd.name[lang] : s;
    }
    case 'designations':
    case 'listing.status':
    case 'listing.market':
    case 'ownership':
    case 'headquarters': {
      const table = m.options[field] as Record<string, string>;
      return table[s] ?? s;
    }
    default:
      return s;
  }
}

function expectedPhrase(cc: CompiledCatalog, cmp: Comparison, negated: boolean, lang: Lang): string {
  const m = messagesFor(lang).engine;
  let phrase: string;
  if (cmp.explain) {
    phrase = cmp.explain[lang];
  } else {
    const boolPhrases = (m.booleanPhrases as Record<string, { true: string; false: string }>)[cmp.field];
    if (boolPhrases && cmp.op === 'eq' && typeof cmp.value === 'boolean') {
      phrase = boolPhrases[String(cmp.value) as 'true' | 'false'];
    } else {
      phrase = fill(m.ops[cmp.op], {
        field: m.fields[cmp.field],
        value: formatValue(cc, cmp.field, cmp.value, lang),
        values: formatValue(cc, cmp.field, asList(cmp.value), lang),
      });
    }
  }
  return negated ? fill(m.negated, { expected: phrase }) : phrase;
}

function optionsFor(cc: CompiledCatalog, field: FieldId, lang: Lang, only?: readonly string[]): QuestionOption[] | undefined {
  const def = FIELDS[field];
  let values: readonly string[] | undefined;
  if (def.kind === 'boolean') values = ['true', 'false'];
  else if (field === 'subdistrict') values = cc.catalog.subdistricts.map((s) => s.id);
  else if (field === 'industry.tracks') values = cc.catalog.tracks.map((t) => t.id);
  else if ('options' in def) values = def.options;
  if (only?.length && def.kind !== 'boolean') values = only;
  if (!values) return undefined;
  return values.map((v) => ({
    value: v,
    label: def.kind === 'boolean' ? messagesFor(lang).engine.options.boolean[v as 'true' | 'false'] : formatValue(cc, field, v, lang),
  }));
}

function question(cc: CompiledCatalog, field: FieldId, lang: Lang, only?: readonly string[]): Question {
  const q: Question = { field, question: messagesFor(lang).engine.questions[field] };
  const options = optionsFor(cc, field, lang, only);
  if (options) q.options = options;
  return q;
}

function compileNode(cc: CompiledCatalog, c: Criterion, negated: boolean, leaves: Leaf[]): Node {
  if ('all' in c) return { kind: 'all', children: c.all.map((x) => compileNode(cc, x, negated, leaves)) };
  if ('any' in c) return { kind: 'any', children: c.any.map((x) => compileNode(cc, x, negated, leaves)) };
  if ('not' in c) return { kind: 'not', child: compileNode(cc, c.not, !negated, leaves) };
  let value = c.value;
  let satisfyingBuildings: Building[] = [];
  if (c.field === 'building') {
    // The plans name buildings as printed; profiles carry resolved ids.
    satisfyingBuildings = asList(c.value).map((name) => {
      const b = cc.buildings.resolve(name);
      if (!b) throw new Error(`criterion names an unknown building: ${name}`);
      return b;
    });
    value = Array.isArray(c.value) ? satisfyingBuildings.map((b) => b.id) : (satisfyingBuildings[0] as Building).id;
  } else if (c.field === 'building.tracks') {
    const wanted = new Set(asList(c.value));
    satisfyingBuildings = cc.catalog.buildings.filter((b) => b.tracks.some((t) => wanted.has(t)));
  }
  const cmp: Comparison = { ...c, value };
  const values = SET_OPS.has(c.op) || Array.isArray(value) ? asList(value) : [];
  const def = FIELDS[c.field] as { askFor?: string };
  const leaf: Leaf = {
    field: c.field,
    askField: (def.askFor as FieldId | undefined) ?? c.field,
    op: c.op,
    value,
    values,
    valueSet: new Set(values),
    num: typeof value === 'number' ? value : Number.NaN,
    negated,
    satisfyingBuildings,
    text: Object.fromEntries(
      LANGS.map((lang) => [
        lang,
        { label: messagesFor(lang).engine.fields[c.field], expected: expectedPhrase(cc, cmp, negated, lang) },
      ]),
    ) as Record<Lang, LeafText>,
  };
  leaves.push(leaf);
  return { kind: 'leaf', leaf, index: leaves.length - 1 };
}

function sourceView(clause: Clause, lang: Lang): SourceView {
  return {
    document: clause.source.document,
    title: DOCUMENT_PERIODS[clause.source.document].title[lang],
    section: clause.source.section,
    quote: clause.source.quote,
  };
}

function benefitView(clause: Clause, lang: Lang): BenefitView {
  const m = messagesFor(lang).engine;
  const b = clause.benefit;
  const view: BenefitView = {
    kind: b.kind,
    kindLabel: m.benefitKinds[b.kind],
    description: b.description[lang],
    amountText: b.amount !== undefined ? fill(m.amountUpTo, { amount: formatCny(b.amount, lang) }) : m.amountPerRules,
  };
  if (b.amount !== undefined) view.amount = b.amount;
  return view;
}

const VALIDITIES: Validity[] = ['in_force', 'expired', 'upcoming'];

function policyViews(clause: Clause, lang: Lang): Record<Validity, PolicyView> {
  const m = messagesFor(lang).engine;
  const base = {
    id: clause.id,
    title: clause.title[lang],
    summary: clause.summary[lang],
    tracks: [...clause.tracks],
    benefit: benefitView(clause, lang),
    leadDepartment: clause.leadDepartments[0] ?? null,
    leadDepartments: [...clause.leadDepartments],
    period: { from: clause.period.from, to: clause.period.to },
    source: sourceView(clause, lang),
  };
  return Object.fromEntries(
    VALIDITIES.map((v) => [
      v,
      deepFreeze({ ...base, validity: v, validityLabel: fill(m.validity[v], clause.period) }),
    ]),
  ) as Record<Validity, PolicyView>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

export function compileCatalog(catalog: Catalog): CompiledCatalog {
  const buildings = new BuildingIndex(catalog.buildings);
  const subdistrictByKey = new Map<string, string>();
  for (const s of catalog.subdistricts) {
    for (const key of [s.id, s.name.zh, s.name.en, ...s.aliases]) {
      subdistrictByKey.set(key.replace(/\s+/g, '').toLowerCase(), s.id);
    }
  }
  const industryTracks = new Map<string, readonly string[]>();
  const industryNames = new Map<string, Localized>();
  for (const d of catalog.industries) {
    industryTracks.set(d.code, d.tracks);
    industryNames.set(d.code, d.name);
  }
  const cc: CompiledCatalog = {
    version: catalog.version,
    catalog,
    clauses: [],
    byId: new Map(),
    buildings,
    buildingById: new Map(catalog.buildings.map((b) => [b.id, b])),
    subdistrictByKey,
    industryTracks,
    industryNames,
    trackNames: new Map(catalog.tracks.map((t) => [t.id, t.name])),
    questions: { zh: new Map(), en: new Map() },
  };
  for (const lang of LANGS) for (const f of FIELD_IDS) cc.questions[lang].set(f, deepFreeze(question(cc, f, lang)));

  catalog.clauses.forEach((clause, index) => {
    const leaves: Leaf[] = [];
    const root = compileNode(cc, clause.criteria, false, leaves);
    const questions: Record<Lang, Map<FieldId, Question>> = { zh: new Map(), en: new Map() };
    for (const lang of LANGS) {
      for (const leaf of leaves) {
        if (questions[lang].has(leaf.askField)) continue;
        // Narrow the options to what would satisfy this clause, where that is a short list.
        let only: string[] | undefined;
        if (leaf.askField === 'building') only = undefined;
        else if (!leaf.negated && leaf.values.length > 0 && ['in', 'hasAny', 'hasAll'].includes(leaf.op)) only = [...leaf.values];
        const q = question(cc, leaf.askField, lang, only);
        if (leaf.askField === 'building' && leaf.satisfyingBuildings.length > 0 && !leaf.negated) {
          q.options = leaf.satisfyingBuildings.slice(0, 12).map((b) => ({
            value: b.id,
            label: lang === 'en' && b.nameEn ? b.nameEn : b.name,
          }));
        }
        questions[lang].set(leaf.askField, deepFreeze(q));
      }
    }
    const compiled: CompiledClause = {
      clause,
      index,
      root,
      leaves,
      trackSet: new Set(clause.tracks),
      views: { zh: policyViews(clause, 'zh'), en: policyViews(clause, 'en') },
      questions,
    };
    cc.clauses.push(compiled);
    cc.byId.set(clause.id, compiled);
  });
  return cc;
}
