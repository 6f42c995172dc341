import { BuildingIndex } from '../catalog/buildings.js';
import { type Catalog, deepFreeze } from '../catalog/catalog.js';
import type { Building, Clause, Comparison, Criterion, Localized, Operator } from '../catalog/schema.js';
import { SOURCE_DOCUMENT_TITLES } from '../catalog/schema.js';
import { FIELD_IDS, FIELDS, type FieldId } from '../fields.js';
import { fill, type Lang, messagesFor } from '../i18n/index.js';
import { formatCny } from '../money.js';
import { foldName } from '../text/normalize.js';
import { type CompiledTest, TestPlan, VerdictProgram } from './evaluate.js';
import { buildingLabel, formatValue } from './format.js';
import { gapDependsOnProfile, gapFor } from './gaps.js';
import type {
  BenefitView,
  ClauseResult,
  CriterionResult,
  Gap,
  Outcome,
  PolicyView,
  Question,
  QuestionOption,
  SourceView,
  Validity,
} from './types.js';

// Compiling turns the catalog (data) into a form that evaluates fast: criteria
// become a small tree over leaves, and identical leaves (the same test with the
// same wording, e.g. "registered in Luohu" in a hundred clauses) are compiled
// once into a closure and shared, so a match tests each once. Building names
// are resolved to ids. Every phrase that does not depend on the profile is
// rendered once per language, on the first match in that language (a cold start
// pays for the language it answers in, not for both).

export { FALSE, TRUE, type Tri, UNKNOWN } from './evaluate.js';

export interface LeafText {
  label: string;
  expected: string;
  /** Explanations rendered around the one profile-dependent part (the actual value). */
  met: readonly [string, string];
  notMet: readonly [string, string];
  unknown: string;
}

/** A criterion as clauses state it: a test, with its wording and where it sits (under a `not` or not). */
export interface Leaf {
  /** Position in `CompiledCatalog.leaves`; clauses that state the same criterion share the leaf. */
  id: number;
  /** The test it applies (shared by leaves that differ only in wording or negation). */
  testId: number;
  field: FieldId;
  /** Position of `field` in FIELD_IDS, for array-indexed per-request caches. */
  fieldIndex: number;
  op: Operator;
  values: readonly string[];
  num: number;
  /** The field a question should ask for (derived fields ask for their source). */
  askField: FieldId;
  value: Comparison['value'];
  negated: boolean;
  /** The catalog's own wording of the expectation, where it has one. */
  explain: Localized | undefined;
  /** Buildings that would satisfy a building test (for gaps and question options). */
  satisfyingBuildings: readonly Building[];
}

export type Node =
  | { kind: 'all'; children: Node[] }
  | { kind: 'any'; children: Node[] }
  | { kind: 'not'; child: Node }
  /** `index` is the leaf's test id: the position of its truth in a match's test values. */
  | { kind: 'leaf'; leaf: Leaf; index: number };

export interface CompiledClause {
  clause: Clause;
  index: number;
  root: Node;
  /** The clause's leaves in criteria order (shared with other clauses that state the same test). */
  leaves: Leaf[];
  /** Clauses that list the same leaves in the same order share a trace id (and so a trace per match). */
  traceId: number;
  /** Ids of the tests that each question's answer decides. */
  leavesByAsk: Map<FieldId, number[]>;
  trackSet: ReadonlySet<string>;
}

/** Validities in rank order: results in force first. */
export const VALIDITIES = ['in_force', 'upcoming', 'expired'] as const satisfies readonly Validity[];
/** Outcomes in rank order: eligible first. */
export const OUTCOMES = ['eligible', 'needs_info', 'ineligible'] as const satisfies readonly Outcome[];

/** Everything a match needs in one language, rendered once per catalog and language. */
export interface LangTables {
  lang: Lang;
  /** By leaf id. */
  leafText: LeafText[];
  /** By leaf id: the gap when the leaf fails, where it does not depend on the profile. */
  staticGaps: (Gap | undefined)[];
  /** By `clause index * 3 + validity rank`; each made on first use (see `viewAt`). */
  views: (PolicyView | undefined)[];
  /** By clause index: the benefit and source the clause's views share. */
  parts: ({ benefit: BenefitView; source: SourceView } | undefined)[];
  /**
   * Results without a trace (criteria, gaps and questions empty), frozen, by
   * `(clause index * 3 + validity rank) * 3 + outcome rank`: what
   * `detail: 'outcomes'` returns, shared by every match. Made on the first
   * such match (see `bareResults`): most processes never ask for one.
   */
  bare: ClauseResult[] | undefined;
  /**
   * By trace id: questions with options narrowed to what would satisfy the
   * clauses; made on first use (see `questionsOfTrace`), as only open criteria ask.
   */
  traceQuestions: (Map<FieldId, Question> | undefined)[];
  /** Questions with every option. */
  questions: Map<FieldId, Question>;
}

export interface CompiledCatalog {
  version: string;
  catalog: Catalog;
  clauses: CompiledClause[];
  /** Every distinct criterion of the catalog, by id. */
  leaves: Leaf[];
  /** Each distinct list of leaves the clauses have, by trace id (see `CompiledClause.traceId`). */
  traces: Leaf[][];
  /** Every distinct test, and how a match runs them all. */
  plan: TestPlan;
  /** Every clause's tree, run at once over the test values (set once compiled). */
  verdicts: VerdictProgram;
  byId: Map<string, CompiledClause>;
  buildings: BuildingIndex;
  buildingById: Map<string, Building>;
  /** Each building's tracks as a set, as the facts carry them. */
  buildingTracks: Map<string, ReadonlySet<string>>;
  subdistrictByKey: Map<string, string>;
  /** GB/T 4754 code (section letter or letter+division) → tracks. */
  industryTracks: Map<string, readonly string[]>;
  industryNames: Map<string, Localized>;
  trackNames: Map<string, Localized>;
  /** Per language, built on first use (see `langTables`). */
  byLang: Partial<Record<Lang, LangTables>>;
  /** Clause validity ranks per asOf date, memoised (a pure cache: same input, same output). */
  validityMemo: Map<string, Uint8Array>;
  /** Subdistrict resolutions by the text a profile gave (bounded: input cannot grow it). */
  subdistrictMemo: Map<string, string | null>;
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

function expectedPhrase(cc: CompiledCatalog, leaf: Leaf, lang: Lang): string {
  const m = messagesFor(lang).engine;
  let phrase: string;
  if (leaf.explain) {
    phrase = leaf.explain[lang];
  } else {
    const boolPhrases = (m.booleanPhrases as Record<string, { true: string; false: string }>)[leaf.field];
    if (boolPhrases && leaf.op === 'eq' && typeof leaf.value === 'boolean') {
      phrase = boolPhrases[String(leaf.value) as 'true' | 'false'];
    } else {
      phrase = fill(m.ops[leaf.op], {
        field: m.fields[leaf.field],
        value: formatValue(cc, leaf.field, leaf.value, lang),
        values: formatValue(cc, leaf.field, asList(leaf.value), lang),
      });
    }
  }
  return leaf.negated ? fill(m.negated, { expected: phrase }) : phrase;
}

const HOLE = '\u0000';

function around(template: string, params: Record<string, string>): readonly [string, string] {
  const [pre = '', post = ''] = fill(template, { ...params, actual: HOLE }).split(HOLE);
  return [pre, post];
}

function renderLeafText(cc: CompiledCatalog, leaf: Leaf, lang: Lang): LeafText {
  const m = messagesFor(lang).engine;
  const label = m.fields[leaf.field];
  const expected = expectedPhrase(cc, leaf, lang);
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

interface Interning {
  tests: Map<string, CompiledTest>;
  leaves: Map<string, Leaf>;
}

/** The one leaf for a criterion: identical criteria share it, and identical tests share one test. */
function internLeaf(cc: CompiledCatalog, interned: Interning, c: Comparison, negated: boolean): Leaf {
  const testKey = JSON.stringify([c.field, c.op, c.value]);
  const leafKey = JSON.stringify([testKey, negated, c.explain ?? null]);
  const known = interned.leaves.get(leafKey);
  if (known) return known;
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
  const values = SET_OPS.has(c.op) || Array.isArray(value) ? asList(value) : [];
  const num = typeof value === 'number' ? value : Number.NaN;
  let test = interned.tests.get(testKey);
  if (!test) {
    test = cc.plan.add({
      field: c.field,
      fieldIndex: FIELD_IDS.indexOf(c.field),
      op: c.op,
      value,
      values,
      valueSet: new Set(values),
      num,
    });
    interned.tests.set(testKey, test);
  }
  const def = FIELDS[c.field] as { askFor?: string };
  // One literal in one order: every leaf shares a hidden class.
  const leaf: Leaf = {
    id: cc.leaves.length,
    testId: test.id,
    field: c.field,
    fieldIndex: test.fieldIndex,
    op: c.op,
    values,
    num,
    askField: (def.askFor as FieldId | undefined) ?? c.field,
    value,
    negated,
    explain: c.explain,
    satisfyingBuildings,
  };
  cc.leaves.push(leaf);
  interned.leaves.set(leafKey, leaf);
  return leaf;
}

function compileNode(
  cc: CompiledCatalog,
  interned: Interning,
  c: Criterion,
  negated: boolean,
  leaves: Leaf[],
): Node {
  if ('all' in c)
    return { kind: 'all', children: c.all.map((x) => compileNode(cc, interned, x, negated, leaves)) };
  if ('any' in c)
    return { kind: 'any', children: c.any.map((x) => compileNode(cc, interned, x, negated, leaves)) };
  if ('not' in c) return { kind: 'not', child: compileNode(cc, interned, c.not, !negated, leaves) };
  const leaf = internLeaf(cc, interned, c, negated);
  leaves.push(leaf);
  return { kind: 'leaf', leaf, index: leaf.testId };
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

function policyView(
  clause: Clause,
  lang: Lang,
  validity: Validity,
  benefit: BenefitView,
  source: SourceView,
) {
  const m = messagesFor(lang).engine;
  // One literal with every property in one order, so all views share a hidden
  // class: they are read for every clause of every match, and a megamorphic
  // read costs V8 an order of magnitude more.
  const view: PolicyView = {
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
  };
  return view;
}

/** The empty trace of a result without one (frozen, shared). */
export const NO_TRACE = Object.freeze([]) as never[];

/**
 * A clause's result: its view (one per language and validity), the outcome and
 * the trace. A class, so that the serialiser can tell a result made here from a
 * copy (serialize.ts); its own properties, in this order, are the contract's.
 */
// The interface types what the constructor assigns (declaration merging).
export interface MatchedClause extends ClauseResult {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: every member the interface declares is assigned in the constructor
export class MatchedClause {
  constructor(
    view: PolicyView,
    outcome: Outcome,
    criteria: CriterionResult[],
    gaps: Gap[],
    questions: Question[],
  ) {
    this.policyId = view.id;
    this.title = view.title;
    this.summary = view.summary;
    this.tracks = view.tracks;
    this.leadDepartment = view.leadDepartment;
    this.leadDepartmentLabel = view.leadDepartmentLabel;
    this.leadDepartments = view.leadDepartments;
    this.leadDepartmentLabels = view.leadDepartmentLabels;
    this.period = view.period;
    this.validity = view.validity;
    this.validityLabel = view.validityLabel;
    this.source = view.source;
    this.benefit = view.benefit;
    this.outcome = outcome;
    this.criteria = criteria;
    this.gaps = gaps;
    this.questions = questions;
  }
}

function traceQuestions(cc: CompiledCatalog, leaves: readonly Leaf[], lang: Lang): Map<FieldId, Question> {
  const questions = new Map<FieldId, Question>();
  for (const leaf of leaves) {
    if (questions.has(leaf.askField)) continue;
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
    questions.set(leaf.askField, deepFreeze(q));
  }
  return questions;
}

function buildLangTables(cc: CompiledCatalog, lang: Lang): LangTables {
  const leafText = cc.leaves.map((leaf) => renderLeafText(cc, leaf, lang));
  const staticGaps = cc.leaves.map((leaf, id) =>
    gapDependsOnProfile(leaf)
      ? undefined
      : deepFreeze(gapFor(cc, leaf, leafText[id] as LeafText, undefined, lang)),
  );
  const questions = new Map<FieldId, Question>();
  for (const f of FIELD_IDS) questions.set(f, deepFreeze(question(cc, f, lang)));
  return {
    lang,
    leafText,
    staticGaps,
    views: new Array(cc.clauses.length * VALIDITIES.length),
    parts: new Array(cc.clauses.length),
    bare: undefined,
    traceQuestions: new Array(cc.traces.length),
    questions,
  };
}

/**
 * A clause's view in the tables' language for a validity rank, made on first
 * use: on a given date most clauses have one validity, so two thirds of the
 * views are never asked for.
 */
export function viewAt(
  cc: CompiledCatalog,
  tables: LangTables,
  clauseIndex: number,
  rank: number,
): PolicyView {
  const slot = clauseIndex * 3 + rank;
  let view = tables.views[slot];
  if (view === undefined) {
    const clause = (cc.clauses[clauseIndex] as CompiledClause).clause;
    const lang = tables.lang;
    let parts = tables.parts[clauseIndex];
    if (parts === undefined) {
      parts = {
        benefit: deepFreeze(benefitView(clause, lang)),
        source: deepFreeze(sourceView(clause, lang)),
      };
      tables.parts[clauseIndex] = parts;
    }
    view = deepFreeze(policyView(clause, lang, VALIDITIES[rank] as Validity, parts.benefit, parts.source));
    tables.views[slot] = view;
  }
  return view;
}

/** The questions of a trace's open criteria, made on first use. */
export function questionsOfTrace(
  cc: CompiledCatalog,
  tables: LangTables,
  traceId: number,
): Map<FieldId, Question> {
  let questions = tables.traceQuestions[traceId];
  if (questions === undefined) {
    questions = traceQuestions(cc, cc.traces[traceId] as Leaf[], tables.lang);
    tables.traceQuestions[traceId] = questions;
  }
  return questions;
}

/** The traceless results of `LangTables.bare`, made on first use and kept. */
export function bareResults(cc: CompiledCatalog, tables: LangTables): ClauseResult[] {
  if (tables.bare === undefined) {
    const bare: ClauseResult[] = [];
    for (let i = 0; i < cc.clauses.length; i++)
      for (let rank = 0; rank < VALIDITIES.length; rank++) {
        const view = viewAt(cc, tables, i, rank);
        for (const outcome of OUTCOMES)
          bare.push(Object.freeze(new MatchedClause(view, outcome, NO_TRACE, NO_TRACE, NO_TRACE)));
      }
    tables.bare = bare;
  }
  return tables.bare;
}

/** The catalog's texts in one language, rendered on first use and kept (a pure cache). */
export function langTables(cc: CompiledCatalog, lang: Lang): LangTables {
  let tables = cc.byLang[lang];
  if (tables === undefined) {
    tables = buildLangTables(cc, lang);
    cc.byLang[lang] = tables;
  }
  return tables;
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
    leaves: [],
    traces: [],
    plan: new TestPlan(),
    verdicts: new VerdictProgram([]),
    byId: new Map(),
    buildings,
    buildingById: new Map(catalog.buildings.map((b) => [b.id, b])),
    buildingTracks: new Map(catalog.buildings.map((b) => [b.id, new Set(b.tracks)])),
    subdistrictByKey,
    industryTracks,
    industryNames,
    trackNames: new Map(catalog.tracks.map((t) => [t.id, t.name])),
    byLang: {},
    validityMemo: new Map(),
    subdistrictMemo: new Map(),
  };
  const interned: Interning = { tests: new Map(), leaves: new Map() };
  const traceIds = new Map<string, number>();
  catalog.clauses.forEach((clause, index) => {
    const leaves: Leaf[] = [];
    const root = compileNode(cc, interned, clause.criteria, false, leaves);
    const leavesByAsk = new Map<FieldId, number[]>();
    for (const leaf of leaves) {
      const ids = leavesByAsk.get(leaf.askField) ?? [];
      if (!ids.includes(leaf.testId)) ids.push(leaf.testId);
      leavesByAsk.set(leaf.askField, ids);
    }
    const traceKey = leaves.map((leaf) => leaf.id).join(',');
    let traceId = traceIds.get(traceKey);
    if (traceId === undefined) {
      traceId = cc.traces.length;
      traceIds.set(traceKey, traceId);
      cc.traces.push(leaves);
    }
    const compiled: CompiledClause = {
      clause,
      index,
      traceId,
      root,
      leaves,
      leavesByAsk,
      trackSet: new Set(clause.tracks),
    };
    cc.clauses.push(compiled);
    cc.byId.set(clause.id, compiled);
  });
  cc.plan.compile();
  cc.verdicts = new VerdictProgram(cc.clauses.map((c) => c.root));
  return cc;
}
