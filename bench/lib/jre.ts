import { Engine } from 'json-rules-engine';
import type { CompiledCatalog, Node } from '../../shared/engine/compile.js';
import { understand } from '../../shared/engine/index.js';
import type { Profile } from '../../shared/profile.js';

// Translates the compiled catalog into json-rules-engine rules, mechanically:
// one rule per clause, the same all/any/not tree, our operators mapped onto
// json-rules-engine's or added as custom operators with identical semantics.
// Valid for complete profiles only (json-rules-engine has no "unknown").

const OPERATOR: Record<string, string> = {
  eq: 'equal',
  ne: 'notEqual',
  gt: 'greaterThan',
  gte: 'greaterThanInclusive',
  lt: 'lessThan',
  lte: 'lessThanInclusive',
  in: 'in',
  notIn: 'notIn',
  hasAny: 'hasAny',
  hasAll: 'hasAll',
  hasNone: 'hasNone',
  startsWithAny: 'startsWithAny',
};

const SET_FIELDS = new Set(['designations', 'building.tracks', 'industry.tracks']);

function factId(field: string): string {
  return field.replace(/\./g, '_');
}

type JreCondition = Record<string, unknown>;

function translate(node: Node): JreCondition {
  switch (node.kind) {
    case 'all':
      return { all: node.children.map(translate) };
    case 'any':
      return { any: node.children.map(translate) };
    case 'not':
      return { not: translate(node.child) };
    case 'leaf': {
      const { leaf } = node;
      let operator = OPERATOR[leaf.op] as string;
      // Membership tests on set-valued facts mean "shares a member".
      if (SET_FIELDS.has(leaf.field) && operator === 'in') operator = 'hasAny';
      if (SET_FIELDS.has(leaf.field) && operator === 'notIn') operator = 'hasNone';
      return {
        fact: factId(leaf.field),
        operator,
        value: leaf.values.length ? [...leaf.values] : leaf.value,
      };
    }
  }
}

export function buildJre(cc: CompiledCatalog): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const asArray = (v: unknown) => (Array.isArray(v) ? v : [v]);
  engine.addOperator('hasAny', (fact: unknown, value: unknown) =>
    asArray(value).some((v) => asArray(fact).includes(v)),
  );
  engine.addOperator('hasAll', (fact: unknown, value: unknown) =>
    asArray(value).every((v) => asArray(fact).includes(v)),
  );
  engine.addOperator(
    'hasNone',
    (fact: unknown, value: unknown) => !asArray(value).some((v) => asArray(fact).includes(v)),
  );
  engine.addOperator('startsWithAny', (fact: unknown, value: unknown) =>
    typeof fact === 'string' ? asArray(value).some((v) => fact.startsWith(String(v))) : false,
  );
  for (const c of cc.clauses) {
    engine.addRule({ conditions: translate(c.root) as never, event: { type: c.clause.id } });
  }
  return engine;
}

/** The facts json-rules-engine sees: the engine's own facts (building resolved, tracks derived). */
export function jreFacts(cc: CompiledCatalog, profile: Profile): Record<string, unknown> {
  const { facts } = understand(cc, profile, 'zh');
  return {
    registeredInLuohu: facts.registeredInLuohu,
    relocating: facts.relocating,
    industry_code: facts.industryCode,
    industry_tracks: [...facts.allTracks],
    annualRevenueCny: facts.annualRevenueCny,
    annualTaxCny: facts.annualTaxCny,
    employees: facts.employees,
    listing_status: facts.listingStatus,
    listing_market: facts.listingMarket,
    building: facts.buildingId,
    building_tracks: [...(facts.buildingTracks ?? [])],
    buildingAnnualTaxCny: facts.buildingAnnualTaxCny,
    subdistrict: facts.subdistrict,
    designations: [...(facts.designations ?? [])],
    ownership: facts.ownership,
    headquarters: facts.headquarters,
  };
}

export async function jreEligible(engine: Engine, facts: Record<string, unknown>): Promise<Set<string>> {
  const { events } = await engine.run(facts);
  return new Set(events.map((e) => e.type));
}
