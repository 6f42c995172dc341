import type { Building } from '../catalog/schema.js';
import { FIELD_IDS, FIELDS, type FieldId } from '../fields.js';
import { fill, type Lang, messagesFor } from '../i18n/index.js';
import { formatCny } from '../money.js';
import type { Profile } from '../profile.js';
import { FALSE, formatValue, type CompiledCatalog, type CompiledClause, type Leaf, TRUE, type Tri, UNKNOWN } from './compile.js';
import { evalLeaf, evalNode, type Facts, scalarFact } from './evaluate.js';
import { normalizeProfile } from './normalize.js';
import type {
  ClauseResult,
  CriterionOutcome,
  CriterionResult,
  Gap,
  MatchOptions,
  MatchResult,
  Outcome,
  PolicyView,
  Question,
  RankedQuestion,
  UnderstoodProfile,
  Validity,
  Warning,
} from './types.js';

/** Bumped whenever a change to the engine could change a result for the same catalog and profile. */
export const ENGINE_VERSION = '1.0.0';

const OUTCOME_RANK: Record<Outcome, number> = { eligible: 0, needs_info: 1, ineligible: 2 };
const VALIDITY_RANK: Record<Validity, number> = { in_force: 0, upcoming: 1, expired: 2 };
const FIELD_ORDER = new Map(FIELD_IDS.map((f, i) => [f, i]));

export function validityOn(period: { from: string; to: string }, asOf: string): Validity {
  if (asOf < period.from) return 'upcoming';
  if (asOf > period.to) return 'expired';
  return 'in_force';
}

function derivedTracks(cc: CompiledCatalog, code: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!code) return out;
  for (const key of [code.slice(0, 1), code.slice(0, 3)]) {
    for (const t of cc.industryTracks.get(key) ?? []) out.add(t);
  }
  return out;
}

interface Understanding {
  profile: UnderstoodProfile;
  facts: Facts;
  warnings: Warning[];
}

function understand(cc: CompiledCatalog, input: Profile, lang: Lang): Understanding {
  const m = messagesFor(lang).engine;
  const profile: UnderstoodProfile = normalizeProfile(input);
  const warnings: Warning[] = [];
  let building: Building | undefined;
  if (profile.building !== undefined) {
    building = cc.buildings.resolve(profile.building);
    if (building) {
      profile.buildingId = building.id;
      profile.buildingName = building.name;
      profile.buildingTracks = [...building.tracks];
      if (profile.subdistrict === undefined && building.subdistrict) profile.subdistrict = building.subdistrict;
    } else {
      warnings.push({ field: 'profile.building', message: fill(m.warnings.buildingNotRecognised, { building: profile.building }) });
    }
  }
  let subdistrict: string | undefined;
  if (profile.subdistrict !== undefined) {
    const key = profile.subdistrict.replace(/\s+/g, '').toLowerCase();
    subdistrict = cc.subdistrictByKey.get(key) ?? cc.subdistrictByKey.get(key.replace(/街道$/, ''));
    if (subdistrict) profile.subdistrict = subdistrict;
    else
      warnings.push({
        field: 'profile.subdistrict',
        message: fill(m.warnings.subdistrictNotRecognised, { subdistrict: profile.subdistrict }),
      });
  }
  let statedTracks: Set<string> | undefined;
  if (profile.industry?.tracks) {
    statedTracks = new Set();
    for (const t of profile.industry.tracks) {
      if (cc.trackNames.has(t)) statedTracks.add(t);
      else warnings.push({ field: 'profile.industry.tracks', message: fill(m.warnings.trackNotRecognised, { track: t }) });
    }
  }
  const facts: Facts = {
    registeredInLuohu: profile.registeredInLuohu,
    relocating: profile.relocating,
    industryCode: profile.industry?.code,
    statedTracks,
    derivedTracks: derivedTracks(cc, profile.industry?.code),
    annualRevenueCny: profile.annualRevenueCny,
    annualTaxCny: profile.annualTaxCny,
    employees: profile.employees,
    listingStatus: profile.listing?.status,
    listingMarket: profile.listing?.market,
    buildingId: building?.id,
    buildingTracks: building ? new Set(building.tracks) : undefined,
    buildingAnnualTaxCny: profile.buildingAnnualTaxCny,
    subdistrict,
    designations: profile.designations ? new Set(profile.designations) : undefined,
    ownership: profile.ownership,
    headquarters: profile.headquarters,
  };
  return { profile, facts, warnings };
}

/** What the profile says for a leaf's field, as the result's `actual`. */
function actualValue(f: Facts, field: FieldId): unknown {
  switch (field) {
    case 'industry.tracks': {
      if (!f.statedTracks && f.derivedTracks.size === 0) return undefined;
      return [...new Set([...(f.statedTracks ?? []), ...f.derivedTracks])].sort();
    }
    case 'designations':
      return f.designations ? [...f.designations] : undefined;
    case 'building.tracks':
      return f.buildingTracks ? [...f.buildingTracks] : undefined;
    default:
      return scalarFact(f, field);
  }
}

/** A building test reads best with the building's name, not its list of tracks. */
function shownActual(cc: CompiledCatalog, f: Facts, field: FieldId, actual: unknown, lang: Lang): string {
  if (field === 'building.tracks' && f.buildingId) return formatValue(cc, 'building', f.buildingId, lang);
  return formatValue(cc, field, actual, lang);
}

function outcomeOf(t: Tri): CriterionOutcome {
  return t === TRUE ? 'met' : t === FALSE ? 'not_met' : 'unknown';
}

function gapFor(cc: CompiledCatalog, leaf: Leaf, actual: unknown, lang: Lang): Gap {
  const m = messagesFor(lang).engine;
  const text = leaf.text[lang];
  const money = 'money' in FIELDS[leaf.field] && (FIELDS[leaf.field] as { money?: boolean }).money;
  const fmt = (n: number) => (money ? formatCny(n, lang) : formatValue(cc, leaf.field, n, lang));
  if (!leaf.negated && typeof actual === 'number' && !Number.isNaN(leaf.num)) {
    if (leaf.op === 'gte' || leaf.op === 'gt') {
      const shortfall = leaf.num - actual;
      return {
        field: leaf.field,
        shortfall,
        explanation: fill(m.gaps.shortfall, {
          field: text.label,
          shortfall: fmt(shortfall > 0 ? shortfall : 0),
          expected: text.expected,
          actual: fmt(actual),
        }),
      };
    }
    if (leaf.op === 'lte' || leaf.op === 'lt') {
      const excess = actual - leaf.num;
      return {
        field: leaf.field,
        shortfall: -excess,
        explanation: fill(m.gaps.excess, { field: text.label, excess: fmt(excess), expected: text.expected, actual: fmt(actual) }),
      };
    }
  }
  const positive = !leaf.negated && ['in', 'hasAny', 'startsWithAny', 'eq', 'hasAll'].includes(leaf.op);
  if (positive && leaf.satisfyingBuildings.length > 0) {
    const names = leaf.satisfyingBuildings.map((b) => (lang === 'en' && b.nameEn ? b.nameEn : b.name));
    return { field: leaf.field, satisfiedBy: names, explanation: fill(m.gaps.building, { values: names.join(m.listSeparator) }) };
  }
  if (positive && leaf.values.length > 1) {
    const labels = leaf.values.map((v) => formatValue(cc, leaf.field, v, lang));
    const template = leaf.op === 'hasAll' ? m.gaps.allOf : m.gaps.anyOf;
    return { field: leaf.field, satisfiedBy: labels, explanation: fill(template, { values: labels.join(m.listSeparator) }) };
  }
  return { field: leaf.field, explanation: fill(m.gaps.exact, { expected: text.expected }) };
}

/**
 * Whether answering `field` could settle this clause: force every leaf that the
 * answer decides to true, then to false, and see if the clause becomes definite.
 */
function answerCouldSettle(c: CompiledClause, raw: Tri[], field: FieldId): boolean {
  for (const forced of [TRUE, FALSE] as const) {
    const trial = raw.slice();
    c.leaves.forEach((leaf, i) => {
      if (leaf.askField === field && trial[i] === UNKNOWN) trial[i] = forced;
    });
    if (evalNode(c.root, trial) !== UNKNOWN) return true;
  }
  return false;
}

function policyMatches(c: CompiledClause, tracks: readonly string[] | undefined): boolean {
  return !tracks || tracks.length === 0 || tracks.some((t) => c.trackSet.has(t));
}

export function match(cc: CompiledCatalog, input: Profile, opts: MatchOptions): MatchResult {
  const { lang, asOf } = opts;
  const m = messagesFor(lang).engine;
  const { profile, facts, warnings } = understand(cc, input, lang);

  const scored: { result: ClauseResult; rank: number; index: number }[] = [];
  const settles = new Map<FieldId, { resolves: number; affects: number }>();

  for (const c of cc.clauses) {
    if (!policyMatches(c, opts.tracks)) continue;
    const raw: Tri[] = c.leaves.map((leaf) => evalLeaf(leaf, facts));
    const verdict = evalNode(c.root, raw);
    const outcome: Outcome = verdict === TRUE ? 'eligible' : verdict === FALSE ? 'ineligible' : 'needs_info';
    const criteria: CriterionResult[] = [];
    const gaps: Gap[] = [];
    const questions: Question[] = [];
    const unknownFields = new Set<FieldId>();
    c.leaves.forEach((leaf, i) => {
      const own = raw[i] as Tri;
      const shown: Tri = leaf.negated && own !== UNKNOWN ? (own === TRUE ? FALSE : TRUE) : own;
      const actual = actualValue(facts, leaf.field);
      const text = leaf.text[lang];
      const criterionOutcome = outcomeOf(shown);
      criteria.push({
        field: leaf.field,
        op: leaf.op,
        outcome: criterionOutcome,
        expected: leaf.value,
        actual: actual ?? null,
        explanation: fill(m.explanation[criterionOutcome], {
          expected: text.expected,
          actual: shownActual(cc, facts, leaf.field, actual, lang),
          field: text.label,
        }),
      });
      if (shown === FALSE && outcome !== 'eligible') gaps.push(gapFor(cc, leaf, actual, lang));
      if (shown === UNKNOWN && !unknownFields.has(leaf.askField)) {
        unknownFields.add(leaf.askField);
        const q = c.questions[lang].get(leaf.askField);
        if (q) questions.push(q);
      }
    });
    if (outcome === 'needs_info') {
      for (const field of unknownFields) {
        const s = settles.get(field) ?? { resolves: 0, affects: 0 };
        s.affects++;
        if (answerCouldSettle(c, raw, field)) s.resolves++;
        settles.set(field, s);
      }
    }
    const validity = validityOn(c.clause.period, asOf);
    const view: PolicyView = c.views[lang][validity];
    const result: ClauseResult = {
      policyId: view.id,
      title: view.title,
      summary: view.summary,
      tracks: view.tracks,
      leadDepartment: view.leadDepartment,
      leadDepartments: view.leadDepartments,
      period: view.period,
      validity,
      validityLabel: view.validityLabel,
      source: view.source,
      benefit: view.benefit,
      outcome,
      criteria,
      gaps,
      questions,
    };
    scored.push({ result, rank: OUTCOME_RANK[outcome] * 3 + VALIDITY_RANK[validity], index: c.index });
  }
  scored.sort((a, b) => a.rank - b.rank || a.index - b.index);

  const nextQuestions: RankedQuestion[] = [...settles.entries()]
    .filter(([, s]) => s.resolves > 0)
    .sort(
      ([fa, a], [fb, b]) =>
        b.resolves - a.resolves || b.affects - a.affects || (FIELD_ORDER.get(fa) ?? 0) - (FIELD_ORDER.get(fb) ?? 0),
    )
    .map(([field, s]) => ({ ...(cc.questions[lang].get(field) as Question), resolves: s.resolves }));

  const counts = { eligible: 0, needs_info: 0, ineligible: 0 };
  for (const s of scored) counts[s.result.outcome]++;

  return {
    catalogVersion: cc.version,
    engineVersion: ENGINE_VERSION,
    asOf,
    lang,
    profile,
    warnings,
    results: scored.map((s) => s.result),
    nextQuestions,
    counts,
  };
}

export function listPolicies(cc: CompiledCatalog, opts: { asOf: string; lang: Lang; track?: string }): PolicyView[] {
  return cc.clauses
    .filter((c) => !opts.track || c.trackSet.has(opts.track))
    .map((c) => c.views[opts.lang][validityOn(c.clause.period, opts.asOf)]);
}

export function getPolicy(cc: CompiledCatalog, id: string, opts: { asOf: string; lang: Lang }): PolicyView | undefined {
  const c = cc.byId.get(id);
  return c ? c.views[opts.lang][validityOn(c.clause.period, opts.asOf)] : undefined;
}

export function resolveBuilding(cc: CompiledCatalog, text: string): Building | undefined {
  return cc.buildings.resolve(text);
}
