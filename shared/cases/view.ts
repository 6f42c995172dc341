import { departmentLabel } from '../engine/compile.js';
import { fill, type Lang, messagesFor } from '../i18n/index.js';
import type { Actor, CaseRecord, CaseSummary, HistoryEntry } from './model.js';
import type { ReplayReport } from './service.js';

// What a case looks like to its readers. The access-token hash never leaves the
// store; a company reading its own case sees who acted by role and department,
// not staff user ids.

export type Audience = 'staff' | 'company';

/**
 * Which recorded results a case shows: `relevant` (default) leaves out the
 * measures the company is not eligible for, unless it chose them; the full
 * snapshot, as stored and as replayed, is one `all` away.
 */
export const RESULT_SELECTIONS = ['relevant', 'all'] as const;
export type ResultSelection = (typeof RESULT_SELECTIONS)[number];

function actorView(by: Actor, audience: Audience): Actor {
  if (audience === 'staff') return by;
  const { sub, ...rest } = by;
  return rest;
}

function historyView(entry: HistoryEntry, audience: Audience, lang: Lang) {
  const { state, by, ...rest } = entry;
  const labels = messagesFor(lang).cases.status;
  return {
    ...rest,
    by: actorView(by, audience),
    ...(rest.from ? { fromLabel: labels[rest.from] } : {}),
    toLabel: labels[rest.to],
  };
}

function matchView(record: CaseRecord, selection: ResultSelection) {
  const { results } = record.match;
  const chosen = new Set(record.case.policyIds);
  const counts = { eligible: 0, needs_info: 0, ineligible: 0 };
  for (const r of results) counts[r.outcome]++;
  return {
    ...record.match,
    results:
      selection === 'all'
        ? results
        : results.filter((r) => r.outcome !== 'ineligible' || chosen.has(r.policyId)),
    resultSelection: selection,
    counts,
  };
}

export function caseView(
  record: CaseRecord,
  audience: Audience,
  lang: Lang,
  selection: ResultSelection = 'relevant',
) {
  const { accessTokenHash, ...c } = record.case;
  return {
    ...c,
    statusLabel: messagesFor(lang).cases.status[c.status],
    departmentLabel: departmentLabel(c.department, lang),
    match: matchView(record, selection),
    history: record.history.map((entry) => historyView(entry, audience, lang)),
  };
}

export function caseSummaryView(summary: CaseSummary, lang: Lang) {
  return {
    ...summary,
    statusLabel: messagesFor(lang).cases.status[summary.status],
    departmentLabel: departmentLabel(summary.department, lang),
  };
}

export function replayView(report: ReplayReport, lang: Lang) {
  const t = messagesFor(lang).cases.replay;
  const params = {
    catalogVersion: report.catalogVersion,
    asOf: report.asOf,
    count: report.differences.length,
  };
  return { ...report, summary: fill(report.identical ? t.identical : t.different, params) };
}
