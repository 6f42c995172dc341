import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, canTransition, TRANSITIONS } from '../../shared/cases/workflow.js';

describe('the case workflow', () => {
  const steps: [string, string][] = [
    ['new', 'triaged'],
    ['triaged', 'contacted'],
    ['contacted', 'applying'],
    ['applying', 'approved'],
    ['applying', 'declined'],
    ['applying', 'withdrawn'],
    ['approved', 'closed'],
    ['declined', 'closed'],
    ['withdrawn', 'closed'],
  ];

  it.each(steps)('lets a case move from %s to %s', (from, to) => {
    expect(canTransition(from as never, to as never)).toBe(true);
  });

  it.each(['new', 'triaged', 'contacted', 'applying'])('lets a company withdraw a %s case', (from) => {
    expect(canTransition(from as never, 'withdrawn')).toBe(true);
  });

  it.each([
    ['new', 'approved'],
    ['new', 'closed'],
    ['triaged', 'applying'],
    ['contacted', 'declined'],
    ['approved', 'declined'],
    ['declined', 'applying'],
    ['withdrawn', 'new'],
    ['closed', 'new'],
    ['closed', 'withdrawn'],
  ])('does not let a case jump from %s to %s', (from, to) => {
    expect(canTransition(from as never, to as never)).toBe(false);
  });

  it('never counts staying put as a transition', () => {
    for (const status of CASE_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('has a path from new to closed through every decision, and closed is final', () => {
    for (const decision of ['approved', 'declined', 'withdrawn'] as const) {
      expect(TRANSITIONS[decision]).toEqual(['closed']);
    }
    expect(TRANSITIONS.closed).toEqual([]);
  });
});
