import { BuildingIndex } from '../catalog/buildings.js';
import { type Catalog, deepFreeze } from '../catalog/catalog.js';
import type { Building, Clause, Comparison, Criterion, Localized, Operator } from '../catalog/schema.js';
import { SOURCE_DOCUMENT_TITLES } from '../catalog/schema.js';
import { FIELD_IDS, FIELDS, type FieldId } from '../fields.js';
import { fill, LANGS, type Lang, messagesFor } from '../i18n/index.js';
import { formatCny } from '../money.js';
import { foldName } from '../text/normalize.js';
import { buildingLabel, formatValue } from './format.js';
import { gapDependsOnProfile, gapFor } from './gaps.js';
import type {
  BenefitView,
  Gap,
  PolicyView,
  Question,
  QuestionOption,
  SourceView,
  Validity,
} from './types.js';

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
  /** Explanations rendered at compile time around the one profile-dependent part (the actual value). */
  met: readonly [string, string];
  notMet: readonly [string, string];
  unknown: string;
}

export interface Leaf {
  field: FieldId;
  /** Position of `field` in FIELD_IDS, for array-indexed per-request caches. */
  fieldIndex: number;
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
  /** The gap when this leaf fails, where it does not depend on the profile. */
  staticGap: Record<Lang, Gap> | undefined;
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
  /** Indices of the leaves that each question's answer decides. */
  leavesByAsk: Map<FieldId, number[]>;
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
  /** The most leaves any clause has (size of the per-match scratch buffer). */
  maxLeaves: number;
  /** Clause validities per asOf date, memoised (a pure cache: same input, same output). */
  validityMemo: Map<string, readonly Validity[]>;
}

const SET_OPS: ReadonlySet<Operator> = new Set([
  'in',
  'notIn',
  'hasAny',
  'hasAll',
  'hasNone',
  'startsWithAny',
]);

function asList(value: Comparison['value']): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
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

const HOLE = '\u0000';

function around(template: string, params: Record<string, string>): readonly [string, string] {
  const [pre = '', post = ''] = fill(template, { ...params, actual: HOLE }).split(HOLE);
  return [pre, post];
}

function leafText(cc: CompiledCatalog, cmp: Comparison, negated: boolean, lang: Lang): LeafText {
  const m = messagesFor(lang).engine;
  const label = m.fields[cmp.field];
  const expected = expectedPhrase(cc, cmp, negated, lang);
  const params = { expected, field: label };
  return {
    label,
    expected,
    met: around(m.explanation.met, params),
    notMet: around(m.explanation.not_met, params),
    unknown: fill(m.explanation.unknown, params),
  };
}

function optionsFor(
  cc: CompiledCatalog,
  field: FieldId,
  lang: Lang,
  only?: readonly string[],
): QuestionOption[] | undefined {
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
    label:
      def.kind === 'boolean'
        ? messagesFor(lang).engine.options.boolean[v as 'true' | 'false']
        : formatValue(cc, field, v, lang),
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
    value = Array.isArray(c.value)
      ? satisfyingBuildings.map((b) => b.id)
      : (satisfyingBuildings[0] as Building).id;
  } else if (c.field === 'building.tracks') {
    const wanted = new Set(asList(c.value));
    satisfyingBuildings = cc.catalog.buildings.filter((b) => b.tracks.some((t) => wanted.has(t)));
  }
  const cmp: Comparison = { ...c, value };
  const values = SET_OPS.has(c.op) || Array.isArray(value) ? asList(value) : [];
  const def = FIELDS[c.field] as { askFor?: string };
  const leaf: Leaf = {
    field: c.field,
    fieldIndex: FIELD_IDS.indexOf(c.field),
    askField: (def.askFor as FieldId | undefined) ?? c.field,
    op: c.op,
    value,
    values,
    valueSet: new Set(values),
    num: typeof value === 'number' ? value : Number.NaN,
    negated,
    satisfyingBuildings,
    text: { zh: leafText(cc, cmp, negated, 'zh'), en: leafText(cc, cmp, negated, 'en') },
    staticGap: undefined,
  };
  if (!gapDependsOnProfile(leaf)) {
    leaf.staticGap = {
      zh: deepFreeze(gapFor(cc, leaf, undefined, 'zh')),
      en: deepFreeze(gapFor(cc, leaf, undefined, 'en')),
    };
  }
  leaves.push(leaf);
  return { kind: 'leaf', leaf, index: leaves.length - 1 };
}

function sourceView(clause: Clause, lang: Lang): SourceView {
  return {
    document: clause.source.document,
    title: SOURCE_DOCUMENT_TITLES[clause.source.document][lang],
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
    amountText:
      b.amount !== undefined ? fill(m.amountUpTo, { amount: formatCny(b.amount, lang) }) : m.amountPerRules,
  };
  if (b.amount !== undefined) view.amount = b.amount;
  return view;
}

/** A department's name in the requested language; the plan's own name when no translation is known. */
export function departmentLabel(department: string, lang: Lang): string;
export function departmentLabel(department: string | undefined, lang: Lang): string | null;
export function departmentLabel(department: string | undefined, lang: Lang): string | null {
  if (department === undefined) return null;
  return messagesFor(lang).engine.departments[department] ?? department;
}

function policyViews(clause: Clause, lang: Lang): Record<Validity, PolicyView> {
  const m = messagesFor(lang).engine;
  const benefit = benefitView(clause, lang);
  const source = sourceView(clause, lang);
  // One literal with every property in one order, so all views share a hidden
  // class: they are read for every clause of every match, and a megamorphic
  // read costs V8 an order of magnitude more.
  const view = (validity: Validity): PolicyView => ({
    id: clause.id,
    title: clause.title[lang],
    summary: clause.summary[lang],
    tracks: [...clause.tracks],
    benefit,
    leadDepartment: clause.leadDepartments[0] ?? null,
    leadDepartmentLabel: departmentLabel(clause.leadDepartments[0], lang),
    leadDepartments: [...clause.leadDepartments],
    leadDepartmentLabels: clause.leadDepartments.map((d) => departmentLabel(d, lang)),
    period: { from: clause.period.from, to: clause.period.to },
    validity,
    validityLabel: fill(m.validity[validity], clause.period),
    source,
  });
  return { in_force: view('in_force'), expired: view('expired'), upcoming: view('upcoming') };
}

export function compileCatalog(catalog: Catalog): CompiledCatalog {
  const buildings = new BuildingIndex(catalog.buildings);
  const subdistrictByKey = new Map<string, string>();
  for (const s of catalog.subdistricts) {
    for (const key of [s.id, s.name.zh, s.name.en, ...s.aliases]) {
      subdistrictByKey.set(foldName(key), s.id);
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
    maxLeaves: 0,
    validityMemo: new Map(),
  };
  for (const lang of LANGS)
    for (const f of FIELD_IDS) cc.questions[lang].set(f, deepFreeze(question(cc, f, lang)));

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
        else if (!leaf.negated && leaf.values.length > 0 && ['in', 'hasAny', 'hasAll'].includes(leaf.op))
          only = [...leaf.values];
        const q = question(cc, leaf.askField, lang, only);
        if (leaf.askField === 'building' && leaf.satisfyingBuildings.length > 0 && !leaf.negated) {
          q.options = leaf.satisfyingBuildings
            .slice(0, 12)
            .map((b) => ({ value: b.id, label: buildingLabel(b, lang) }));
        }
        questions[lang].set(leaf.askField, deepFreeze(q));
      }
    }
    const compiled: CompiledClause = {
      clause,
      index,
      root,
      leaves,
      leavesByAsk: leaves.reduce((map, leaf, i) => {
        map.set(leaf.askField, [...(map.get(leaf.askField) ?? []), i]);
        return map;
      }, new Map<FieldId, number[]>()),
      trackSet: new Set(clause.tracks),
      views: { zh: policyViews(clause, 'zh'), en: policyViews(clause, 'en') },
      questions,
    };
    cc.clauses.push(compiled);
    cc.maxLeaves = Math.max(cc.maxLeaves, leaves.length);
    cc.byId.set(clause.id, compiled);
  });
  return cc;
}
