import { describe, expect, it } from 'vitest';
import type { Operator } from '../../shared/catalog/schema.js';
import { FALSE, type Facts, TestPlan, TRUE, UNKNOWN, withFieldIndex } from '../../shared/engine/evaluate.js';
import { FIELD_IDS } from '../../shared/fields.js';

// Set fields are tested as bit masks while a field's catalog values fit in 31
// bits, and as sets beyond that; both must decide alike. The real catalog
// never has more than 31 values for a field, so the set path is exercised here.

function planFor(valueCount: number, lists: { op: Operator; values: string[] }[]) {
  const plan = new TestPlan();
  const universe = Array.from({ length: valueCount }, (_, i) => `d${i}`);
  // A first test holding every value sizes the field's universe.
  for (const { op, values } of [{ op: 'hasAny' as Operator, values: universe }, ...lists])
    plan.add({
      field: 'designations',
      fieldIndex: FIELD_IDS.indexOf('designations'),
      op,
      value: values,
      values,
      valueSet: new Set(values),
      num: Number.NaN,
    });
  return plan.compile();
}

const facts = (designations?: string[]): Facts =>
  withFieldIndex({ allTracks: new Set(), designations: designations ? new Set(designations) : undefined });

describe('TestPlan on set fields', () => {
  const lists = [
    { op: 'hasAny' as Operator, values: ['d1', 'd3'] },
    { op: 'hasAll' as Operator, values: ['d1', 'd3'] },
    { op: 'hasNone' as Operator, values: ['d1', 'd3'] },
  ];
  const cases: [string[] | undefined, number[]][] = [
    [undefined, [UNKNOWN, UNKNOWN, UNKNOWN]],
    [[], [FALSE, FALSE, TRUE]],
    [['d1'], [TRUE, FALSE, FALSE]],
    [
      ['d1', 'd3', 'd9'],
      [TRUE, TRUE, FALSE],
    ],
    [
      ['d2', 'unknown-value'],
      [FALSE, FALSE, TRUE],
    ],
  ];

  it.each([
    ['as bit masks', 20],
    ['as sets, beyond 31 values', 40],
  ])('decides hasAny / hasAll / hasNone %s', (_, size) => {
    const plan = planFor(size, lists);
    for (const [designations, expected] of cases)
      expect([...plan.run(facts(designations)).slice(1)], JSON.stringify(designations)).toEqual(expected);
  });
});
