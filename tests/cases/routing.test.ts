import { describe, expect, it } from 'vitest';
import { FALLBACK_DEPARTMENT, routeCase } from '../../shared/cases/routing.js';
import { match } from '../../shared/engine/index.js';
import { catalog } from '../api/helpers.js';

const result = (
  policyId: string,
  outcome: 'eligible' | 'needs_info' | 'ineligible',
  leadDepartment: string | null,
) => ({
  policyId,
  outcome,
  leadDepartment,
});

describe('routing a case', () => {
  it('goes to the lead department of the first eligible result', () => {
    const results = [
      result('a', 'eligible', null),
      result('b', 'eligible', '区科技创新局'),
      result('c', 'needs_info', '区商务局'),
    ];
    expect(routeCase(results)).toBe('区科技创新局');
  });

  it('falls back to the best needs_info result when nothing eligible names a lead', () => {
    const results = [
      result('a', 'eligible', null),
      result('b', 'needs_info', '区商务局'),
      result('c', 'ineligible', '区金融服务署'),
    ];
    expect(routeCase(results)).toBe('区商务局');
  });

  it('never routes by an ineligible result', () => {
    expect(routeCase([result('a', 'ineligible', '区金融服务署')])).toBe(FALLBACK_DEPARTMENT);
  });

  it('goes to 区企业服务中心 when no result names a lead department', () => {
    expect(routeCase([result('a', 'eligible', null), result('b', 'needs_info', null)])).toBe(
      '区企业服务中心',
    );
    expect(routeCase([])).toBe('区企业服务中心');
  });

  it('considers only the measures the company chose, when it chose any', () => {
    const results = [result('a', 'eligible', '区科技创新局'), result('b', 'needs_info', '区商务局')];
    expect(routeCase(results, ['b'])).toBe('区商务局');
    expect(routeCase(results, ['c'])).toBe(FALLBACK_DEPARTMENT);
  });

  it('routes a real match by the lead of the measure chosen from the seed catalog', () => {
    const led = catalog.catalog.clauses.find((c) => c.leadDepartments.length > 0);
    if (!led) throw new Error('the seed catalog names no lead department');
    const m = match(catalog, {}, { asOf: '2025-06-30', lang: 'zh' });
    const outcome = m.results.find((r) => r.policyId === led.id)?.outcome;
    expect(outcome).toBe('needs_info');
    expect(routeCase(m.results, [led.id])).toBe(led.leadDepartments[0]);
  });
});
