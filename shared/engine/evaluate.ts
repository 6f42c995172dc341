import type { FieldId } from '../fields.js';
import { FALSE, type Leaf, type Node, TRUE, type Tri, UNKNOWN } from './compile.js';

// Three-valued (Kleene) evaluation. A leaf is TRUE, FALSE or UNKNOWN when the
// profile does not say; all/any/not combine as Kleene's strong logic. Unknown is
// never read as false: a missing field can only ever make a result needs_info.

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
}

export function scalarFact(f: Facts, field: FieldId): string | number | boolean | undefined {
  switch (field) {
    case 'registeredInLuohu':
      return f.registeredInLuohu;
    case 'relocating':
      return f.relocating;
    case 'industry.code':
      return f.industryCode;
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
    case 'buildingAnnualTaxCny':
      return f.buildingAnnualTaxCny;
    case 'subdistrict':
      return f.subdistrict;
    case 'ownership':
      return f.ownership;
    case 'headquarters':
      return f.headquarters;
    default:
      return undefined;
  }
}

function setFact(f: Facts, field: FieldId): ReadonlySet<string> | undefined {
  if (field === 'designations') return f.designations;
  if (field === 'building.tracks') return f.buildingTracks;
  return undefined;
}

function tri(b: boolean): Tri {
  return b ? TRUE : FALSE;
}

function evalSet(leaf: Leaf, set: ReadonlySet<string>): Tri {
  switch (leaf.op) {
    case 'hasAll':
      return tri(leaf.values.every((v) => set.has(v)));
    case 'hasNone':
    case 'notIn':
      return tri(!leaf.values.some((v) => set.has(v)));
    default:
      return tri(leaf.values.some((v) => set.has(v)));
  }
}

/** Industry tracks: the stated list is complete; the code-derived list only proves membership. */
function evalTracks(leaf: Leaf, f: Facts): Tri {
  // Plain loops over the precomputed union: this runs for most clauses of every match.
  const all = f.allTracks;
  const known = f.statedTracks !== undefined;
  let hits = 0;
  for (const v of leaf.values) if (all.has(v)) hits++;
  switch (leaf.op) {
    case 'hasAll':
      return hits === leaf.values.length ? TRUE : known ? FALSE : UNKNOWN;
    case 'hasNone':
    case 'notIn':
      return hits > 0 ? FALSE : known ? TRUE : UNKNOWN;
    default:
      return hits > 0 ? TRUE : known ? FALSE : UNKNOWN;
  }
}

/** Industry codes are hierarchical: `I65` proves `I`; a bare `I` cannot settle `I65`. */
function evalCode(leaf: Leaf, code: string): Tri {
  let undecided = false;
  for (const v of leaf.values) {
    if (code.startsWith(v)) return leaf.op === 'notIn' ? FALSE : TRUE;
    if (v.startsWith(code)) undecided = true;
  }
  if (undecided) return UNKNOWN;
  return leaf.op === 'notIn' ? TRUE : FALSE;
}

/** The leaf's own truth, before any enclosing `not`. */
export function evalLeaf(leaf: Leaf, f: Facts): Tri {
  if (leaf.field === 'industry.tracks') return evalTracks(leaf, f);
  const set = setFact(f, leaf.field);
  if (leaf.field === 'designations' || leaf.field === 'building.tracks') {
    return set === undefined ? UNKNOWN : evalSet(leaf, set);
  }
  const v = scalarFact(f, leaf.field);
  if (v === undefined) return UNKNOWN;
  if (leaf.field === 'industry.code') return evalCode(leaf, String(v));
  switch (leaf.op) {
    case 'eq':
      return tri(v === leaf.value);
    case 'ne':
      return tri(v !== leaf.value);
    case 'gt':
      return tri((v as number) > leaf.num);
    case 'gte':
      return tri((v as number) >= leaf.num);
    case 'lt':
      return tri((v as number) < leaf.num);
    case 'lte':
      return tri((v as number) <= leaf.num);
    case 'notIn':
    case 'hasNone':
      return tri(!leaf.valueSet.has(String(v)));
    default:
      return tri(leaf.valueSet.has(String(v)));
  }
}

/**
 * Evaluates a tree given each leaf's raw truth. `leafValues[i]` is the truth of
 * leaf i; evaluation never short-circuits past an UNKNOWN that could matter.
 */
export function evalNode(node: Node, leafValues: ArrayLike<Tri>): Tri {
  switch (node.kind) {
    case 'leaf':
      return leafValues[node.index] as Tri;
    case 'not': {
      const v = evalNode(node.child, leafValues);
      return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
    }
    case 'all': {
      let result: Tri = TRUE;
      for (const child of node.children) {
        const v = evalNode(child, leafValues);
        if (v === FALSE) return FALSE;
        if (v === UNKNOWN) result = UNKNOWN;
      }
      return result;
    }
    case 'any': {
      let result: Tri = FALSE;
      for (const child of node.children) {
        const v = evalNode(child, leafValues);
        if (v === TRUE) return TRUE;
        if (v === UNKNOWN) result = UNKNOWN;
      }
      return result;
    }
  }
}
