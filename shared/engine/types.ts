import type { BENEFIT_KINDS, Operator } from '../catalog/schema.js';
import type { FieldId } from '../fields.js';
import type { Lang } from '../i18n/index.js';
import type { Profile } from '../profile.js';

// The engine's public result shapes. Field names follow docs/api-contract.md
// (`POST /v1/match`); additions are allowed, renames are not.

export type Outcome = 'eligible' | 'ineligible' | 'needs_info';
export type CriterionOutcome = 'met' | 'not_met' | 'unknown';
export type Validity = 'in_force' | 'expired' | 'upcoming';

export interface MatchOptions {
  /** The date the match is made for (YYYY-MM-DD). The engine never reads the clock. */
  asOf: string;
  lang: Lang;
  /** Only clauses in any of these tracks. */
  tracks?: readonly string[];
  /**
   * `full` (default): every criterion with its explanation, gaps, questions and
   * next questions. `outcomes`: the same outcomes, validity and order, without the
   * per-criterion trace (criteria, gaps, questions and nextQuestions are empty) —
   * for batch screening, where the trace is not read.
   */
  detail?: 'full' | 'outcomes';
}

export interface SourceView {
  document: string;
  /** The document's title in the requested language. */
  title: string;
  section: string;
  quote: string;
}

export interface BenefitView {
  kind: (typeof BENEFIT_KINDS)[number];
  /** The kind's label in the requested language. */
  kindLabel: string;
  description: string;
  /** Yuan, only where the plan states one. */
  amount?: number;
  /** `500万元` / `CNY 5 million` when amount is set; otherwise "per implementing rules". */
  amountText: string;
}

export interface PolicyView {
  id: string;
  title: string;
  summary: string;
  tracks: string[];
  benefit: BenefitView;
  /** The first lead department the plan names (牵头单位), or null. */
  leadDepartment: string | null;
  /** The lead department's name in the requested language (the plan's own name in zh). */
  leadDepartmentLabel: string | null;
  leadDepartments: string[];
  /** Every lead department's name in the requested language, in the plan's order. */
  leadDepartmentLabels: string[];
  period: { from: string; to: string };
  validity: Validity;
  /** Human label of the validity, e.g. 已到期（规划期 2022-01-01 至 2025-12-31）. */
  validityLabel: string;
  source: SourceView;
}

export interface CriterionResult {
  field: FieldId;
  op: Operator;
  outcome: CriterionOutcome;
  expected: unknown;
  actual: unknown;
  explanation: string;
}

export interface Gap {
  field: FieldId;
  explanation: string;
  /** For thresholds: how far off the profile is (in the field's unit). */
  shortfall?: number;
  /** For membership tests: the values that would satisfy it. */
  satisfiedBy?: string[];
}

export interface QuestionOption {
  value: string;
  label: string;
}

export interface Question {
  field: FieldId;
  question: string;
  options?: QuestionOption[];
}

/** One clause evaluated against a profile: the policy's view plus the verdict and its trace. */
export interface ClauseResult extends Omit<PolicyView, 'id'> {
  policyId: string;
  outcome: Outcome;
  criteria: CriterionResult[];
  gaps: Gap[];
  questions: Question[];
}

export interface RankedQuestion extends Question {
  /** How many needs_info results the answer would settle. */
  resolves: number;
}

export interface Warning {
  field: string;
  message: string;
}

/** The profile as the engine understood it: normalised, building resolved. */
export interface UnderstoodProfile extends Profile {
  buildingId?: string;
  buildingName?: string;
  buildingTracks?: string[];
}

export interface MatchResult {
  catalogVersion: string;
  engineVersion: string;
  asOf: string;
  lang: Lang;
  profile: UnderstoodProfile;
  warnings: Warning[];
  results: ClauseResult[];
  nextQuestions: RankedQuestion[];
  counts: { eligible: number; needs_info: number; ineligible: number };
}
