import type { ClauseResult } from '../engine/types.js';
import type { MatchSnapshot } from './model.js';

// Comparing a recorded match with a fresh evaluation of the same profile
// against the same catalog version. Results are matched by policy id, so a
// reordering shows as one `order` difference rather than a cascade.

export interface Difference {
  path: string;
  recorded: unknown;
  replayed: unknown;
}

const MAX_DIFFERENCES = 100;

/** JSON as stored: what DynamoDB and JSON round-trips keep (no undefined). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function diffValues(recorded: unknown, replayed: unknown, path: string, out: Difference[]): void {
  if (out.length >= MAX_DIFFERENCES) return;
  if (Object.is(recorded, replayed)) return;
  const bothArrays = Array.isArray(recorded) && Array.isArray(replayed);
  const bothObjects =
    !bothArrays &&
    recorded !== null &&
    replayed !== null &&
    typeof recorded === 'object' &&
    typeof replayed === 'object' &&
    !Array.isArray(recorded) &&
    !Array.isArray(replayed);
  if (bothArrays) {
    const a = recorded as unknown[];
    const b = replayed as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (bothObjects) {
    const a = recorded as Record<string, unknown>;
    const b = replayed as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      diffValues(a[key], b[key], path ? `${path}.${key}` : key, out);
    return;
  }
  out.push({ path, recorded: recorded ?? null, replayed: replayed ?? null });
}

export function diffMatches(
  recorded: Pick<MatchSnapshot, 'results' | 'warnings' | 'profile'>,
  replayed: Pick<MatchSnapshot, 'results' | 'warnings' | 'profile'>,
): Difference[] {
  const out: Difference[] = [];
  const ids = (results: readonly ClauseResult[]) => results.map((r) => r.policyId);
  if (ids(recorded.results).join('\n') !== ids(replayed.results).join('\n'))
    out.push({ path: 'order', recorded: ids(recorded.results), replayed: ids(replayed.results) });
  const replayedById = new Map(replayed.results.map((r) => [r.policyId, r]));
  const recordedIds = new Set(ids(recorded.results));
  for (const r of recorded.results)
    diffValues(plain(r), plain(replayedById.get(r.policyId)), `results.${r.policyId}`, out);
  for (const r of replayed.results)
    if (!recordedIds.has(r.policyId)) diffValues(undefined, plain(r), `results.${r.policyId}`, out);
  diffValues(plain(recorded.warnings), plain(replayed.warnings), 'warnings', out);
  diffValues(plain(recorded.profile), plain(replayed.profile), 'profile', out);
  return out;
}
