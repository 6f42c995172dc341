import type { Building } from '../catalog/schema.js';
import { FIELD_IDS, FIELDS, type FieldId } from '../fields.js';
import { fill, type Lang, messagesFor } from '../i18n/index.js';
import type { Profile } from '../profile.js';
import { foldName } from '../text/normalize.js';
import {
  bareResults,
  type CompiledCatalog,
  type CompiledClause,
  type Leaf,
  type LeafText,
  langTables,
  MatchedClause,
  NO_TRACE,
  questionsOfTrace,
  VALIDITIES,
  viewAt,
} from './compile.js';
import { FALSE, type Facts, factOf, TRUE, type Tri, UNKNOWN, withFieldIndex } from './evaluate.js';
import { buildingLabel, formatValue } from './format.js';
import { gapFor } from './gaps.js';
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
export const ENGINE_VERSION = '1.2.0';

const FIELD_ORDER = new Map(FIELD_IDS.map((f, i) => [f, i]));
const SHOWN: readonly CriterionOutcome[] = ['not_met', 'met', 'unknown'];
const OUTCOME_OF: readonly Outcome[] = ['ineligible', 'eligible', 'needs_info'];
/** Outcome rank (eligible 0, needs_info 1, ineligible 2) by verdict (FALSE 0, TRUE 1, UNKNOWN 2). */
const OUTCOME_RANK_OF: readonly number[] = [2, 0, 1];

/** Validity rank (VALIDITIES) of every clause on one date; memoised for the last few dates asked. */
function validitiesOn(cc: CompiledCatalog, asOf: string): Uint8Array {
  let v = cc.validityMemo.get(asOf);
  if (!v) {
    v = Uint8Array.from(cc.clauses, (c) => VALIDITIES.indexOf(validityOn(c.clause.period, asOf)));
    if (cc.validityMemo.size >= 16) cc.validityMemo.clear();
    cc.validityMemo.set(asOf, v);
  }
  return v;
}

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

function resolveSubdistrict(cc: CompiledCatalog, text: string): string | undefined {
  const memo = cc.subdistrictMemo;
  const known = memo.get(text);
  if (known !== undefined) return known ?? undefined;
  // Script, width and spacing folded like building names; `街道` / `subdistrict` optional.
  const key = foldName(text);
  const found =
    cc.subdistrictByKey.get(key) ?? cc.subdistrictByKey.get(key.replace(/(街道|subdistrict)$/, ''));
  if (text.length <= 200) {
    if (memo.size >= 1000) memo.clear();
    memo.set(text, found ?? null);
  }
  return found;
}

export interface Understanding {
  profile: UnderstoodProfile;
  facts: Facts;
  warnings: Warning[];
}

/** The profile as the engine reads it: normalised, building and subdistrict resolved, facts derived. */
export function understand(cc: CompiledCatalog, input: Profile, lang: Lang): Understanding {
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
      if (profile.subdistrict === undefined && building.subdistrict)
        profile.subdistrict = building.subdistrict;
    } else {
      warnings.push({
        field: 'profile.building',
        message: fill(m.warnings.buildingNotRecognised, { building: profile.building }),
      });
    }
  }
  let subdistrict: string | undefined;
  if (profile.subdistrict !== undefined) {
    const given = profile.subdistrict;
    subdistrict = resolveSubdistrict(cc, given);
    if (subdistrict) {
      profile.subdistrict = subdistrict;
      // The company's own word decides, but a building elsewhere is worth a question.
      if (building?.subdistrict && building.subdistrict !== subdistrict)
        warnings.push({
          field: 'profile.subdistrict',
          message: fill(m.warnings.subdistrictConflictsWithBuilding, {
            building: buildingLabel(building, lang),
            buildingSubdistrict: formatValue(cc, 'subdistrict', building.subdistrict, lang),
            subdistrict: given,
          }),
        });
    } else
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
      else
        warnings.push({
          field: 'profile.industry.tracks',
          message: fill(m.warnings.trackNotRecognised, { track: t }),
        });
    }
  }
  const derived = derivedTracks(cc, profile.industry?.code);
  const facts = withFieldIndex({
    registeredInLuohu: profile.registeredInLuohu,
    relocating: profile.relocating,
    industryCode: profile.industry?.code,
    statedTracks,
    allTracks: statedTracks ? new Set([...statedTracks, ...derived]) : derived,
    annualRevenueCny: profile.annualRevenueCny,
    annualTaxCny: profile.annualTaxCny,
    employees: profile.employees,
    listingStatus: profile.listing?.status,
    listingMarket: profile.listing?.market,
    buildingId: building?.id,
    buildingTracks: building ? cc.buildingTracks.get(building.id) : undefined,
    buildingAnnualTaxCny: profile.buildingAnnualTaxCny,
    subdistrict,
    designations: profile.designations ? new Set(profile.designations) : undefined,
    ownership: profile.ownership,
    headquarters: profile.headquarters,
  });
  return { profile, facts, warnings };
}

/** What the profile says for a leaf's field, as the result's `actual`. */
function actualValue(f: Facts, field: FieldId): unknown {
  switch (field) {
    case 'industry.tracks': {
      if (!f.statedTracks && f.allTracks.size === 0) return undefined;
      return [...f.allTracks].sort();
    }
    case 'designations':
      return f.designations ? [...f.designations] : undefined;
    case 'building.tracks':
      return f.buildingTracks ? [...f.buildingTracks] : undefined;
    default:
      return factOf(f, field);
  }
}

/** A building test reads best with the building's name, not its list of tracks. */
function shownActual(cc: CompiledCatalog, f: Facts, field: FieldId, actual: unknown, lang: Lang): string {
  if (field === 'building.tracks' && f.buildingId) return formatValue(cc, 'building', f.buildingId, lang);
  return formatValue(cc, field, actual, lang);
}

const NOT_YET = Symbol('not computed');

/**
 * Each field's value and its rendering, computed at most once per request and
 * kept in arrays indexed by the field's position (cheaper than Map lookups on
 * the per-criterion path).
 */
class ProfileView {
  private readonly values: unknown[] = new Array(FIELD_IDS.length).fill(NOT_YET);
  private readonly texts: (string | undefined)[] = new Array(FIELD_IDS.length);

  constructor(
    private readonly cc: CompiledCatalog,
    private readonly facts: Facts,
    private readonly lang: Lang,
  ) {}

  value(leaf: Leaf): unknown {
    let v = this.values[leaf.fieldIndex];
    if (v === NOT_YET) {
      v = actualValue(this.facts, leaf.field);
      this.values[leaf.fieldIndex] = v;
    }
    return v;
  }

  text(leaf: Leaf): string {
    let t = this.texts[leaf.fieldIndex];
    if (t === undefined) {
      t = shownActual(this.cc, this.facts, leaf.field, this.value(leaf), this.lang);
      this.texts[leaf.fieldIndex] = t;
    }
    return t;
  }
}

/**
 * Whether answering `field` could settle this clause: force every leaf that the
 * answer decides to true, then to false, and see if the clause becomes definite.
 */
function answerCouldSettle(
  cc: CompiledCatalog,
  c: CompiledClause,
  vals: Uint8Array,
  field: FieldId,
  trial: Uint8Array,
): boolean {
  const decided = c.leavesByAsk.get(field) ?? [];
  for (const forced of [TRUE, FALSE] as const) {
    trial.set(vals);
    for (const id of decided) if (trial[id] === UNKNOWN) trial[id] = forced;
    if (cc.verdicts.clause(c.index, trial) !== UNKNOWN) return true;
  }
  return false;
}

/** A clause's trace in one match: the same for every clause that lists the same leaves. */
interface Trace {
  criteria: CriterionResult[];
  /** Of the criteria not met; a result shows them unless it is eligible. */
  gaps: Gap[];
  questions: Question[];
  unknownFields: FieldId[] | undefined;
}

function policyMatches(c: CompiledClause, tracks: readonly string[] | undefined): boolean {
  return !tracks || tracks.length === 0 || tracks.some((t) => c.trackSet.has(t));
}

export function match(cc: CompiledCatalog, input: Profile, opts: MatchOptions): MatchResult {
  const { lang, asOf } = opts;
  const full = opts.detail !== 'outcomes';
  const { profile, facts, warnings } = understand(cc, input, lang);
  const L = langTables(cc, lang);
  const bare = full ? undefined : bareResults(cc, L);
  const validities = validitiesOn(cc, asOf);

  // Every distinct test once: clauses share leaves, so this is the whole of
  // the profile-dependent testing; clause trees then combine these values.
  const vals = cc.plan.run(facts);
  const verdicts = cc.verdicts.run(vals);

  // Results are bucketed by rank (outcome × validity); clauses are visited in
  // catalog order, so each bucket is already stable and no sort is needed.
  const buckets: ClauseResult[][] = [[], [], [], [], [], [], [], [], []];
  const settles = new Map<FieldId, { resolves: number; affects: number }>();
  // Per match and per leaf: its criterion and gap are the same in every clause
  // that states it; per list of leaves, so is the whole trace.
  const criterionOf: (CriterionResult | undefined)[] = full ? new Array(cc.leaves.length) : [];
  const traceOf: (Trace | undefined)[] = full ? new Array(cc.traces.length) : [];
  const seen = new ProfileView(cc, facts, lang);
  let trial: Uint8Array | undefined;

  const criterion = (leaf: Leaf): CriterionResult => {
    const own = vals[leaf.testId] as Tri;
    const shown: Tri = leaf.negated && own !== UNKNOWN ? (own === TRUE ? FALSE : TRUE) : own;
    const text = L.leafText[leaf.id] as LeafText;
    let explanation: string;
    if (shown === UNKNOWN) explanation = text.unknown;
    else {
      const around = shown === TRUE ? text.met : text.notMet;
      explanation = around[0] + seen.text(leaf) + around[1];
    }
    return {
      field: leaf.field,
      op: leaf.op,
      outcome: SHOWN[shown] as CriterionOutcome,
      expected: leaf.value,
      actual: seen.value(leaf) ?? null,
      explanation,
    };
  };

  const trace = (c: CompiledClause): Trace => {
    const cl = c.leaves;
    const n = cl.length;
    const criteria: CriterionResult[] = new Array(n);
    let gaps: Gap[] | undefined;
    let questions: Question[] | undefined;
    let unknownFields: FieldId[] | undefined;
    for (let k = 0; k < n; k++) {
      const leaf = cl[k] as Leaf;
      let cr = criterionOf[leaf.id];
      if (cr === undefined) {
        cr = criterion(leaf);
        criterionOf[leaf.id] = cr;
      }
      criteria[k] = cr;
      if (cr.outcome === 'not_met') {
        gaps ??= [];
        gaps.push(
          L.staticGaps[leaf.id] ??
            gapFor(cc, leaf, L.leafText[leaf.id] as LeafText, seen.value(leaf), lang, seen.text(leaf)),
        );
      } else if (cr.outcome === 'unknown' && !unknownFields?.includes(leaf.askField)) {
        unknownFields ??= [];
        unknownFields.push(leaf.askField);
        const q = questionsOfTrace(cc, L, c.traceId).get(leaf.askField);
        if (q) {
          questions ??= [];
          questions.push(q);
        }
      }
    }
    return { criteria, gaps: gaps ?? NO_TRACE, questions: questions ?? NO_TRACE, unknownFields };
  };

  for (const c of cc.clauses) {
    if (!policyMatches(c, opts.tracks)) continue;
    const verdict = verdicts[c.index] as Tri;
    const rank = OUTCOME_RANK_OF[verdict] as number;
    const validityRank = validities[c.index] as number;
    const bucket = buckets[rank * 3 + validityRank] as ClauseResult[];
    const slot = c.index * 3 + validityRank;
    if (!full) {
      bucket.push((bare as ClauseResult[])[slot * 3 + rank] as ClauseResult);
      continue;
    }
    let t = traceOf[c.traceId];
    if (t === undefined) {
      t = trace(c);
      traceOf[c.traceId] = t;
    }
    if (verdict === UNKNOWN && t.unknownFields) {
      trial ??= new Uint8Array(vals.length);
      for (const field of t.unknownFields) {
        const s = settles.get(field) ?? { resolves: 0, affects: 0 };
        s.affects++;
        if (answerCouldSettle(cc, c, vals, field, trial)) s.resolves++;
        settles.set(field, s);
      }
    }
    const view = viewAt(cc, L, c.index, validityRank);
    bucket.push(
      new MatchedClause(
        view,
        OUTCOME_OF[verdict] as Outcome,
        t.criteria,
        verdict === TRUE ? NO_TRACE : t.gaps,
        t.questions,
      ),
    );
  }
  // A plain loop: Array.prototype.flat was the single most expensive line here.
  let total = 0;
  for (const b of buckets) total += b.length;
  const results: ClauseResult[] = new Array(total);
  let k = 0;
  for (const b of buckets) for (const r of b) results[k++] = r;

  const effort = (f: FieldId) => (FIELDS[f] as { effort?: number }).effort ?? 1;
  const nextQuestions: RankedQuestion[] = [...settles.entries()]
    .filter(([, s]) => s.resolves > 0)
    .sort(
      ([fa, a], [fb, b]) =>
        b.resolves / effort(fb) - a.resolves / effort(fa) ||
        b.affects - a.affects ||
        (FIELD_ORDER.get(fa) ?? 0) - (FIELD_ORDER.get(fb) ?? 0),
    )
    .map(([field, s]) => ({ ...(L.questions.get(field) as Question), resolves: s.resolves }));

  // Buckets 0–2 hold eligible, 3–5 needs_info, 6–8 ineligible results.
  const sizeOf = (from: number) =>
    (buckets[from] as ClauseResult[]).length +
    (buckets[from + 1] as ClauseResult[]).length +
    (buckets[from + 2] as ClauseResult[]).length;
  const counts = { eligible: sizeOf(0), needs_info: sizeOf(3), ineligible: sizeOf(6) };

  return {
    catalogVersion: cc.version,
    engineVersion: ENGINE_VERSION,
    asOf,
    lang,
    profile,
    warnings,
    results,
    nextQuestions,
    counts,
  };
}

function viewOf(cc: CompiledCatalog, c: CompiledClause, opts: { asOf: string; lang: Lang }): PolicyView {
  const rank = validitiesOn(cc, opts.asOf)[c.index] as number;
  return viewAt(cc, langTables(cc, opts.lang), c.index, rank);
}

export function listPolicies(
  cc: CompiledCatalog,
  opts: { asOf: string; lang: Lang; track?: string },
): PolicyView[] {
  return cc.clauses.filter((c) => !opts.track || c.trackSet.has(opts.track)).map((c) => viewOf(cc, c, opts));
}

export function getPolicy(
  cc: CompiledCatalog,
  id: string,
  opts: { asOf: string; lang: Lang },
): PolicyView | undefined {
  const c = cc.byId.get(id);
  return c ? viewOf(cc, c, opts) : undefined;
}

export function resolveBuilding(cc: CompiledCatalog, text: string): Building | undefined {
  return cc.buildings.resolve(text);
}
