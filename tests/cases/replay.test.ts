import { describe, expect, it } from 'vitest';
import { diffMatches } from '../../shared/cases/replay.js';
import { matchSnapshot } from '../store/fixtures.js';

describe('comparing a recorded match with a replay', () => {
  it('finds nothing between a snapshot and its JSON round trip', () => {
    const recorded = matchSnapshot();
    expect(diffMatches(recorded, JSON.parse(JSON.stringify(recorded)))).toEqual([]);
  });

  it('names the policy and field of a changed outcome', () => {
    const recorded = matchSnapshot();
    const replayed = structuredClone(recorded);
    const first = replayed.results[0];
    if (!first) throw new Error('empty snapshot');
    first.outcome = first.outcome === 'eligible' ? 'ineligible' : 'eligible';
    expect(diffMatches(recorded, replayed)).toEqual([
      {
        path: `results.${first.policyId}.outcome`,
        recorded: recorded.results[0]?.outcome,
        replayed: first.outcome,
      },
    ]);
  });

  it('reports a reordering once, and a missing result by its id', () => {
    const recorded = matchSnapshot();
    const replayed = { ...recorded, results: [...recorded.results].reverse().slice(1) };
    const differences = diffMatches(recorded, replayed);
    expect(differences.filter((d) => d.path === 'order')).toHaveLength(1);
    const dropped = recorded.results.at(-1)?.policyId;
    expect(differences).toContainEqual(
      expect.objectContaining({ path: `results.${dropped}`, replayed: null }),
    );
  });
});
