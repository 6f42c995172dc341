import type { ClauseResult } from '../engine/types.js';

// Which department works a case: the one that leads (牵头) the best-matching
// clause. Results arrive ranked by the engine (eligible, then needs_info; in
// force first), so "best" is the first eligible result that names a lead
// department, else the first needs_info one. When the company chose measures,
// only those count: the case is about them, not about whatever else matched.
// With nothing to go on, the District Enterprise Service Center triages it.

export const FALLBACK_DEPARTMENT = '区企业服务中心';

export function routeCase(
  results: readonly Pick<ClauseResult, 'policyId' | 'outcome' | 'leadDepartment'>[],
  policyIds: readonly string[] = [],
): string {
  const chosen = new Set(policyIds);
  const candidates = chosen.size ? results.filter((r) => chosen.has(r.policyId)) : results;
  for (const outcome of ['eligible', 'needs_info'] as const) {
    const lead = candidates.find((r) => r.outcome === outcome && r.leadDepartment)?.leadDepartment;
    if (lead) return lead;
  }
  return FALLBACK_DEPARTMENT;
}
