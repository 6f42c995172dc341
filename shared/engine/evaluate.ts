import type { Operator } from '../catalog/schema.js';
import { FIELD_IDS, type FieldId } from '../fields.js';
import type { Node } from './compile.js';

// Three-valued (Kleene) evaluation. A leaf is TRUE, FALSE or UNKNOWN when the
// profile does not say; all/any/not combine as Kleene's strong logic. Unknown is
// never read as false: a missing field can only ever make a result needs_info.

export const TRUE = 1;
export const FALSE = 0;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

/** The profile as the engine tests it: every field either known or absent. */
export interface Facts {
  registeredInLuohu?: boolean;
  relocating?: boolean;
  industryCode?: string;
  /** Tracks the company stated; when present the company's list is taken as complete. */
  statedTracks?: ReadonlySet<string>;
  /**
   * Stated tracks and those implied by the industry code, computed once per match.
   * Code-derived tracks are a lower bound: only `statedTracks` makes the list complete.
   */
  allTracks: ReadonlySet<string>;
  annualRevenueCny?: number;
  annualTaxCny?: number;
  employees?: number;
  listingStatus?: string;
  listingMarket?: string;
  buildingId?: string;
  buildingTracks?: ReadonlySet<string>;
  buildingAnnualTaxCny?: number;
  subdistrict?: string;
  designations?: ReadonlySet<string>;
  ownership?: string;
  headquarters?: string;
  /**
   * The same facts indexed by the field's position in FIELD_IDS (scalars as
   * values, set fields as sets), which is how compiled tests read them: one
   * indexed load instead of a switch on the field's name per test.
   */
  byField: readonly unknown[];
}

/** The fact a field tests, by name; `byField` holds the same values by position. */
export function factOf(f: Facts, field: FieldId): unknown {
  switch (field) {
    case 'registeredInLuohu':
      return f.registeredInLuohu;
    case 'relocating':
      return f.relocating;
    case 'industry.code':
      return f.industryCode;
    case 'industry.tracks':
      return f.allTracks;
    case 'annualRevenueCny':
      return f.annualRevenueCny;
    case 'annualTaxCny':
      return f.annualTaxCny;
    case 'employees':
      return f.employees;
    case 'listing.status':
      return f.listingStatus;
    case 'listing.market':
      return f.listingMarket;
    case 'building':
      return f.buildingId;
    case 'building.tracks':
      return f.buildingTracks;
    case 'buildingAnnualTaxCny':
      return f.buildingAnnualTaxCny;
    case 'subdistrict':
      return f.subdistrict;
    case 'designations':
      return f.designations;
    case 'ownership':
      return f.ownership;
    case 'headquarters':
      return f.headquarters;
    default:
      return undefined;
  }
}

/** Adds `byField` to the named facts (in place: one hidden class for every match). */
export function withFieldIndex(named: Omit<Facts, 'byField'>): Facts {
  const facts = named as Facts;
  (facts as { byField: readonly unknown[] }).byField = FIELD_IDS.map((field) => factOf(facts, field));
  return facts;
}

/** What a compiled test needs to know to test a profile. */
export interface TestSpec {
  field: FieldId;
  fieldIndex: number;
  op: Operator;
  value: unknown;
  values: readonly string[];
  valueSet: ReadonlySet<string>;
  num: number;
}

/** One distinct test of the catalog; clauses that state it share it. */
export interface CompiledTest extends TestSpec {
  /** Position in the plan's tests and in a match's test values. */
  id: number;
}

/**
 * A test's own truth (before any enclosing `not`) given the tested field's
 * value as the plan reads it (a bit mask for coded set fields).
 */
type TestFn = (value: unknown, f: Facts) => Tri;

const SET_FIELDS: ReadonlySet<FieldId> = new Set(['industry.tracks', 'designations', 'building.tracks']);
/** Set fields whose catalog values fit in a 31-bit mask are tested with bit operations. */
const MAX_BITS = 31;

/**
 * How a match computes every test's truth at once: the catalog's tests are
 * specialised at compile time, set fields are coded as bit masks, and industry
 * codes (the most common test after tracks) are looked up by prefix in an index
 * instead of being compared value by value.
 */
export class TestPlan {
  readonly tests: CompiledTest[] = [];
  private readonly fns: (TestFn | undefined)[] = [];
  /** Tests evaluated one by one (everything but industry codes). */
  private readonly generic: number[] = [];
  /** Per set field: each catalog value's bit, when they fit. */
  private readonly bits = new Map<FieldId, Map<string, number>>();
  /** Industry-code tests: value → tests listing it; proper prefix of a value → tests it cannot settle. */
  private readonly codeTests: number[] = [];
  private readonly codeHits = new Map<string, number[]>();
  private readonly codeUndecided = new Map<string, number[]>();
  private compiled = false;

  add(spec: TestSpec): CompiledTest {
    if (this.compiled) throw new Error('the plan is already compiled');
    const test: CompiledTest = { ...spec, id: this.tests.length };
    this.tests.push(test);
    return test;
  }

  /** Specialises every test; called once, after the last `add`. */
  compile(): this {
    for (const field of SET_FIELDS) {
      const values = new Set(this.tests.filter((t) => t.field === field).flatMap((t) => t.values));
      if (values.size <= MAX_BITS) this.bits.set(field, new Map([...values].map((v, i) => [v, 1 << i])));
    }
    for (const t of this.tests) {
      if (t.field === 'industry.code') {
        this.codeTests.push(t.id);
        for (const v of new Set(t.values)) {
          push(this.codeHits, v, t.id);
          for (let k = 1; k < v.length; k++) push(this.codeUndecided, v.slice(0, k), t.id);
        }
        this.fns.push(undefined);
      } else {
        this.generic.push(t.id);
        this.fns.push(this.specialise(t));
      }
    }
    this.scratch = new Uint8Array(this.tests.length);
    this.compiled = true;
    return this;
  }

  private scratch = new Uint8Array(0);

  /**
   * Every test's truth for the facts, by test id. The array is the plan's own
   * scratch space, overwritten by the next run: a match reads it synchronously
   * and keeps nothing of it (allocating a typed array per match cost more than
   * the tests).
   */
  run(f: Facts): Uint8Array {
    const vals = this.scratch;
    const byField = this.read(f);
    const { generic, fns, tests } = this;
    for (let k = 0; k < generic.length; k++) {
      const id = generic[k] as number;
      vals[id] = (fns[id] as TestFn)(byField[(tests[id] as CompiledTest).fieldIndex], f);
    }
    this.runCodes(f.industryCode, vals);
    return vals;
  }

  /** The value each field is tested with: the fact, or its mask for coded set fields. */
  private read(f: Facts): unknown[] {
    const byField = f.byField.slice();
    for (const [field, bits] of this.bits) {
      const i = FIELD_IDS.indexOf(field);
      const set = byField[i] as ReadonlySet<string> | undefined;
      if (set === undefined) continue;
      let mask = 0;
      for (const v of set) mask |= bits.get(v) ?? 0;
      byField[i] = mask;
    }
    return byField;
  }

  /**
   * Codes are hierarchical: a code listed in the test, or any prefix of the
   * profile's code listed, settles it (`I65` proves `I`); a profile code that
   * is a proper prefix of a listed one cannot (a bare `I` cannot settle `I65`).
   */
  private runCodes(code: string | undefined, vals: Uint8Array): void {
    const { codeTests, tests } = this;
    if (code === undefined) {
      for (const id of codeTests) vals[id] = UNKNOWN;
      return;
    }
    for (const id of codeTests) vals[id] = (tests[id] as CompiledTest).op === 'notIn' ? TRUE : FALSE;
    for (const id of this.codeUndecided.get(code) ?? []) vals[id] = UNKNOWN;
    for (let k = 1; k <= code.length; k++)
      for (const id of this.codeHits.get(code.slice(0, k)) ?? [])
        vals[id] = (tests[id] as CompiledTest).op === 'notIn' ? FALSE : TRUE;
  }

  private specialise(t: CompiledTest): TestFn {
    const bits = this.bits.get(t.field);
    if (bits) {
      let mask = 0;
      for (const v of t.values) mask |= bits.get(v) as number;
      return maskTest(t.field, t.op, mask);
    }
    if (SET_FIELDS.has(t.field)) return setTest(t.field, t.op, t.values);
    return scalarTest(t);
  }
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

/**
 * Set fields as masks. Industry tracks: the stated list is complete, the
 * code-derived list only proves membership; designations and a building's
 * tracks, when known at all, are complete.
 */
function maskTest(field: FieldId, op: Operator, mask: number): TestFn {
  if (field === 'industry.tracks') {
    if (op === 'hasAll')
      return (m, f) =>
        ((m as number) & mask) === mask ? TRUE : f.statedTracks !== undefined ? FALSE : UNKNOWN;
    if (op === 'hasNone' || op === 'notIn')
      return (m, f) => (((m as number) & mask) !== 0 ? FALSE : f.statedTracks !== undefined ? TRUE : UNKNOWN);
    return (m, f) => (((m as number) & mask) !== 0 ? TRUE : f.statedTracks !== undefined ? FALSE : UNKNOWN);
  }
  if (op === 'hasAll')
    return (m) => (m === undefined ? UNKNOWN : ((m as number) & mask) === mask ? TRUE : FALSE);
  if (op === 'hasNone' || op === 'notIn')
    return (m) => (m === undefined ? UNKNOWN : ((m as number) & mask) === 0 ? TRUE : FALSE);
  return (m) => (m === undefined ? UNKNOWN : ((m as number) & mask) !== 0 ? TRUE : FALSE);
}

/** The same semantics over sets, for a set field with more values than a mask holds. */
function setTest(field: FieldId, op: Operator, values: readonly string[]): TestFn {
  const n = values.length;
  return (s, f) => {
    const set = s as ReadonlySet<string> | undefined;
    if (set === undefined) return UNKNOWN;
    let hits = 0;
    for (let k = 0; k < n; k++) if (set.has(values[k] as string)) hits++;
    const complete = field !== 'industry.tracks' || f.statedTracks !== undefined;
    switch (op) {
      case 'hasAll':
        return hits === n ? TRUE : complete ? FALSE : UNKNOWN;
      case 'hasNone':
      case 'notIn':
        return hits > 0 ? FALSE : complete ? TRUE : UNKNOWN;
      default:
        return hits > 0 ? TRUE : complete ? FALSE : UNKNOWN;
    }
  };
}

function scalarTest(t: CompiledTest): TestFn {
  const { op, value, valueSet, num } = t;
  switch (op) {
    case 'eq':
      return (v) => (v === undefined ? UNKNOWN : v === value ? TRUE : FALSE);
    case 'ne':
      return (v) => (v === undefined ? UNKNOWN : v !== value ? TRUE : FALSE);
    case 'gt':
      return (v) => (v === undefined ? UNKNOWN : (v as number) > num ? TRUE : FALSE);
    case 'gte':
      return (v) => (v === undefined ? UNKNOWN : (v as number) >= num ? TRUE : FALSE);
    case 'lt':
      return (v) => (v === undefined ? UNKNOWN : (v as number) < num ? TRUE : FALSE);
    case 'lte':
      return (v) => (v === undefined ? UNKNOWN : (v as number) <= num ? TRUE : FALSE);
    case 'notIn':
    case 'hasNone':
      return (v) => (v === undefined ? UNKNOWN : valueSet.has(String(v)) ? FALSE : TRUE);
    default:
      return (v) => (v === undefined ? UNKNOWN : valueSet.has(String(v)) ? TRUE : FALSE);
  }
}

const OP_LEAF = 0;
const OP_NOT = 1;
const OP_ALL = 2;
const OP_ANY = 3;

/**
 * Every clause's tree as one postfix program over a small stack: Kleene's
 * all/any/not over the test values, the verdicts of all clauses of a match in
 * one monomorphic loop rather than a closure or recursion per clause. Postfix
 * cannot skip a subtree, but every leaf value is already known, so there is
 * nothing to save by skipping, and no UNKNOWN that could matter is skipped.
 */
export class VerdictProgram {
  /** (opcode, argument) pairs: a test id for a leaf, the child count for all/any. */
  private readonly code: Int32Array;
  /** Where each clause's program ends in `code`. */
  private readonly ends: Int32Array;
  private readonly stack: Uint8Array;
  private readonly verdicts: Uint8Array;

  constructor(roots: readonly Node[]) {
    const code: number[] = [];
    const emit = (node: Node): void => {
      switch (node.kind) {
        case 'leaf':
          code.push(OP_LEAF, node.index);
          return;
        case 'not':
          emit(node.child);
          code.push(OP_NOT, 0);
          return;
        default:
          for (const child of node.children) emit(child);
          code.push(node.kind === 'all' ? OP_ALL : OP_ANY, node.children.length);
      }
    };
    const ends: number[] = [];
    for (const root of roots) {
      emit(root);
      ends.push(code.length);
    }
    this.code = Int32Array.from(code);
    this.ends = Int32Array.from(ends);
    this.stack = new Uint8Array(code.length / 2 + 1);
    this.verdicts = new Uint8Array(roots.length);
  }

  /**
   * Every clause's verdict, by clause index, from the test values. The array is
   * the program's own and is overwritten by the next run.
   */
  run(v: ArrayLike<number>): Uint8Array {
    const { ends, verdicts } = this;
    for (let c = 0; c < ends.length; c++)
      verdicts[c] = this.exec(c === 0 ? 0 : (ends[c - 1] as number), ends[c] as number, v);
    return verdicts;
  }

  /** One clause's verdict (ranking next questions tries forced test values on one clause). */
  clause(index: number, v: ArrayLike<number>): Tri {
    return this.exec(index === 0 ? 0 : (this.ends[index - 1] as number), this.ends[index] as number, v);
  }

  /** Runs code[pc, end), one clause's program, and returns its verdict. */
  private exec(pc: number, end: number, v: ArrayLike<number>): Tri {
    const { code, stack } = this;
    let sp = 0;
    while (pc < end) {
      const op = code[pc] as number;
      const arg = code[pc + 1] as number;
      pc += 2;
      if (op === OP_LEAF) {
        stack[sp++] = v[arg] as number;
      } else if (op === OP_NOT) {
        const x = stack[sp - 1];
        stack[sp - 1] = x === UNKNOWN ? UNKNOWN : x === TRUE ? FALSE : TRUE;
      } else {
        // all: FALSE decides, UNKNOWN taints TRUE. any: TRUE decides, UNKNOWN taints FALSE.
        const decisive = op === OP_ALL ? FALSE : TRUE;
        let result: number = op === OP_ALL ? TRUE : FALSE;
        const base = sp - arg;
        for (let k = base; k < sp; k++) {
          const x = stack[k];
          if (x === decisive) {
            result = decisive;
            break;
          }
          if (x === UNKNOWN) result = UNKNOWN;
        }
        sp = base;
        stack[sp++] = result;
      }
    }
    return stack[0] as Tri;
  }
}
