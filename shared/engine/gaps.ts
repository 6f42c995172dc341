import { fill, type Lang, messagesFor } from '../i18n/index.js';
import type { Leaf, LeafText } from './compile.js';
import { buildingLabel, formatValue, type Names } from './format.js';
import type { Gap } from './types.js';

// What would have to change for a failed criterion to hold: the shortfall of a
// threshold, or the values (designations, buildings, statuses) that satisfy it.

/** Whether a leaf's gap depends on the profile (only thresholds state a shortfall). */
export function gapDependsOnProfile(leaf: Leaf): boolean {
  return !leaf.negated && !Number.isNaN(leaf.num) && ['gt', 'gte', 'lt', 'lte'].includes(leaf.op);
}

export function gapFor(
  cc: Names,
  leaf: Leaf,
  text: LeafText,
  actual: unknown,
  lang: Lang,
  /** `actual` as already rendered for the criterion's explanation, if it was. */
  actualText?: string,
): Gap {
  const m = messagesFor(lang).engine;
  const fmt = (n: number) => formatValue(cc, leaf.field, n, lang);
  if (!leaf.negated && typeof actual === 'number' && !Number.isNaN(leaf.num)) {
    if (leaf.op === 'gte' || leaf.op === 'gt') {
      const shortfall = leaf.num - actual;
      return {
        field: leaf.field,
        shortfall,
        explanation: fill(m.gaps.shortfall, {
          field: text.label,
          shortfall: fmt(Math.max(shortfall, 0)),
          expected: text.expected,
          actual: actualText ?? fmt(actual),
        }),
      };
    }
    if (leaf.op === 'lte' || leaf.op === 'lt') {
      const excess = actual - leaf.num;
      return {
        field: leaf.field,
        shortfall: -excess,
        explanation: fill(m.gaps.excess, {
          field: text.label,
          excess: fmt(excess),
          expected: text.expected,
          actual: actualText ?? fmt(actual),
        }),
      };
    }
  }
  const positive = !leaf.negated && ['in', 'hasAny', 'startsWithAny', 'eq', 'hasAll'].includes(leaf.op);
  if (positive && leaf.satisfyingBuildings.length > 0) {
    const names = leaf.satisfyingBuildings.map((b) => buildingLabel(b, lang));
    return {
      field: leaf.field,
      satisfiedBy: names,
      explanation: fill(m.gaps.building, { values: names.join(m.listSeparator) }),
    };
  }
  if (positive && leaf.values.length > 1) {
    const labels = leaf.values.map((v) => formatValue(cc, leaf.field, v, lang));
    const template = leaf.op === 'hasAll' ? m.gaps.allOf : m.gaps.anyOf;
    return {
      field: leaf.field,
      satisfiedBy: labels,
      explanation: fill(template, { values: labels.join(m.listSeparator) }),
    };
  }
  return { field: leaf.field, explanation: fill(m.gaps.exact, { expected: text.expected }) };
}
