import type { Building } from '../catalog/schema.js';
import { FIELD_IDS, FIELDS, type FieldId } from '../fields.js';
import { fill, type Lang, messagesFor } from '../i18n/index.js';
import type { Profile } from '../profile.js';
import { foldName } from '../text/normalize.js';
import {
  type CompiledCatalog,
  type CompiledClause,
  FALSE,
  type Leaf,
  TRUE,
  type Tri,
  UNKNOWN,
} from './compile.js';
import { evalLeaf, evalNode, type Facts, scalarFact } from './evaluate.js';
import { formatValue } from './format.js';
import { gapFor } from './gaps.js';
import { normalizeProfile } from './normalize.js';
import type {
  ClauseResult,
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
export const ENGINE_VERSION = '1.1.0';

const OUTCOME_RANK: Record<Outcome, number> = { eligible: 0, needs_info: 1, ineligible: 2 };
const VALIDITY_RANK: Record<Validity, number> = { in_force: 0, upcoming: 1, expired: 2 };
const FIELD_ORDER = new Map(FIELD_IDS.map((f, i) => [f, i]));

/** Validity of every clause on one date; memoised for the last few dates asked (asOf is usually today). */
function validitiesOn(cc: CompiledCatalog, asOf: string): readonly Validity[] {
  let v = cc.validityMemo.get(asOf);
  if (!v) {
    v = cc.clauses.map((c) => validityOn(c.clause.period, asOf));
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
    // Script, width and spacing folded like building names; `街道` / `subdistrict` optional.
    const key = foldName(profile.subdistrict);
    subdistrict =
      cc.subdistrictByKey.get(key) ?? cc.subdistrictByKey.get(key.replace(/(街道|subdistrict)$/, ''));
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
      else
        warnings.push({
          field: 'profile.industry.tracks',
          message: fill(m.warnings.trackNotRecognised, { track: t }),
        });
    }
  }
  const derived = derivedTracks(cc, profile.industry?.code);
  const facts: Facts = {
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
      if (!f.statedTracks && f.allTracks.size === 0) return undefined;
      return [...f.allTracks].sort();
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
function answerCouldSettle(c: CompiledClause, raw: ArrayLike<Tri>, field: FieldId, trial: Tri[]): boolean {
  const n = c.leaves.length;
  const decided = c.leavesByAsk.get(field) ?? [];
  for (const forced of [TRUE, FALSE] as const) {
    for (let i = 0; i < n; i++) trial[i] = raw[i] as Tri;
    for (const i of decided) if (trial[i] === UNKNOWN) trial[i] = forced;
    if (evalNode(c.root, trial) !== UNKNOWN) return true;
  }
  return false;
}

function policyMatches(c: CompiledClause, tracks: readonly string[] | undefined): boolean {
  return !tracks || tracks.length === 0 || tracks.some((t) => c.trackSet.has(t));
}

export function match(cc: CompiledCatalog, input: Profile, opts: MatchOptions): MatchResult {
  const { lang, asOf } = opts;
  const full = opts.detail !== 'outcomes';
  const { profile, facts, warnings } = understand(cc, input, lang);

  const seen = new ProfileView(cc, facts, lang);
  const validities = validitiesOn(cc, asOf);
  // Results are bucketed by rank (outcome × validity); clauses are visited in
  // catalog order, so each bucket is already stable and no sort is needed.
  const buckets: ClauseResult[][] = Array.from({ length: 9 }, () => []);
  const settles = new Map<FieldId, { resolves: number; affects: number }>();
  const raw = new Uint8Array(cc.maxLeaves) as unknown as Tri[];
  const trial = new Uint8Array(cc.maxLeaves) as unknown as Tri[];

  for (const c of cc.clauses) {
    if (!policyMatches(c, opts.tracks)) continue;
    const leaves = c.leaves;
    for (let i = 0; i < leaves.length; i++) raw[i] = evalLeaf(leaves[i] as Leaf, facts);
    const verdict = evalNode(c.root, raw);
    const outcome: Outcome = verdict === TRUE ? 'eligible' : verdict === FALSE ? 'ineligible' : 'needs_info';
    const criteria: CriterionResult[] = new Array(full ? leaves.length : 0);
    let gaps: Gap[] | undefined;
    let questions: Question[] | undefined;
    let unknownFields: FieldId[] | undefined;
    for (let i = 0; full && i < leaves.length; i++) {
      const leaf = leaves[i] as Leaf;
      const own = raw[i] as Tri;
      const shown: Tri = leaf.negated && own !== UNKNOWN ? (own === TRUE ? FALSE : TRUE) : own;
      const text = leaf.text[lang];
      let explanation: string;
      if (shown === UNKNOWN) {
        explanation = text.unknown;
      } else {
        const around = shown === TRUE ? text.met : text.notMet;
        explanation = around[0] + seen.text(leaf) + around[1];
      }
      criteria[i] = {
        field: leaf.field,
        op: leaf.op,
        outcome: shown === TRUE ? 'met' : shown === FALSE ? 'not_met' : 'unknown',
        expected: leaf.value,
        actual: seen.value(leaf) ?? null,
        explanation,
      };
      if (shown === FALSE && outcome !== 'eligible') {
        gaps ??= [];
        gaps.push(leaf.staticGap?.[lang] ?? gapFor(cc, leaf, seen.value(leaf), lang));
      }
      if (shown === UNKNOWN && !unknownFields?.includes(leaf.askField)) {
        unknownFields ??= [];
        unknownFields.push(leaf.askField);
        const q = c.questions[lang].get(leaf.askField);
        if (q) {
          questions ??= [];
          questions.push(q);
        }
      }
    }
    if (outcome === 'needs_info' && unknownFields) {
      for (const field of unknownFields) {
        const s = settles.get(field) ?? { resolves: 0, affects: 0 };
        s.affects++;
        if (answerCouldSettle(c, raw, field, trial)) s.resolves++;
        settles.set(field, s);
      }
    }
    const validity = validities[c.index] as Validity;
    const view: PolicyView = c.views[lang][validity];
    (buckets[OUTCOME_RANK[outcome] * 3 + VALIDITY_RANK[validity]] as ClauseResult[]).push({
      policyId: view.id,
      title: view.title,
      summary: view.summary,
      tracks: view.tracks,
      leadDepartment: view.leadDepartment,
      leadDepartmentLabel: view.leadDepartmentLabel,
      leadDepartments: view.leadDepartments,
      leadDepartmentLabels: view.leadDepartmentLabels,
      period: view.period,
      validity,
      validityLabel: view.validityLabel,
      source: view.source,
      benefit: view.benefit,
      outcome,
      criteria,
      gaps: gaps ?? [],
      questions: questions ?? [],
    });
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
    .map(([field, s]) => ({ ...(cc.questions[lang].get(field) as Question), resolves: s.resolves }));

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

export function listPolicies(
  cc: CompiledCatalog,
  opts: { asOf: string; lang: Lang; track?: string },
): PolicyView[] {
  return cc.clauses
    .filter((c) => !opts.track || c.trackSet.has(opts.track))
    .map((c) => c.views[opts.lang][validityOn(c.clause.period, opts.asOf)]);
}

export function getPolicy(
  cc: CompiledCatalog,
  id: string,
  opts: { asOf: string; lang: Lang },
): PolicyView | undefined {
  const c = cc.byId.get(id);
  return c ? c.views[opts.lang][validityOn(c.clause.period, opts.asOf)] : undefined;
}

export function resolveBuilding(cc: CompiledCatalog, text: string): Building | undefined {
  return cc.buildings.resolve(text);
}
