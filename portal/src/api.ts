import type { MatchResult } from '../../shared/engine/types.js';
import type { Lang } from '../../shared/i18n/index.js';
import type { Profile } from '../../shared/profile.js';
import type { PortalText } from './text.js';

// The public API, exactly as any other portal would call it (docs/api-contract.md).
// Paths are relative so the page also works under an API Gateway stage prefix.

export interface FieldProblem {
  path: string;
  message: string;
}

/** A request problem named as the profile form names its fields: `profile.designations[0]` → `designations`. */
export function asProfileProblem(problem: FieldProblem): FieldProblem {
  return { ...problem, path: problem.path.replace(/^profile\./, '').replace(/\[\d+\]/g, '') };
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

/** The API answered with an error status (an RFC 9457 problem when it could). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.title ?? `HTTP ${status}`);
  }
}

/** No answer at all: offline, connection reset, aborted. */
export class NetworkError extends Error {}

export interface Track {
  id: string;
  name: string;
  description: string;
}

export interface Building {
  id: string;
  name: string;
  nameZh: string;
  nameEn: string | null;
  aliases: string[];
  subdistrict: string | null;
  subdistrictName: string | null;
  kind: string;
}

export interface CaseHistoryEntry {
  seq: number;
  at: string;
  toLabel: string;
  note?: string;
}

export interface CaseView {
  id: string;
  status: string;
  statusLabel: string;
  department: string;
  /** The department's name in the page's language (added by the API; absent on older servers). */
  departmentLabel?: string;
  createdAt: string;
  history: CaseHistoryEntry[];
}

export interface CreatedCase extends CaseView {
  accessToken: string;
}

export interface CaseRequest {
  profile: Profile;
  policyIds?: string[];
  contact: { name: string; phone?: string; email?: string };
  note?: string;
  lang: Lang;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    throw new NetworkError(String(error));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    // A body cut off mid-way is the network's fault, not the user's.
    if (response.ok) throw new NetworkError(String(error));
  }
  if (!response.ok) throw new ApiError(response.status, (body ?? {}) as Problem);
  return body as T;
}

function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export const api = {
  /** The page's strings in another language (served by the portal route, not the /v1 API). */
  text: (lang: Lang) => call<PortalText>(`portal/text.json?lang=${lang}`),
  tracks: (lang: Lang) => call<{ items: Track[] }>(`v1/tracks?lang=${lang}`).then((r) => r.items),
  buildings: (lang: Lang) => call<{ items: Building[] }>(`v1/buildings?lang=${lang}`).then((r) => r.items),
  match: (profile: Profile, lang: Lang) => call<MatchResult>('v1/match', postJson({ profile, lang })),
  createCase: (request: CaseRequest, idempotencyKey: string) =>
    call<CreatedCase>('v1/cases', postJson(request, { 'idempotency-key': idempotencyKey })),
  readCase: (id: string, token: string, lang: Lang) =>
    call<CaseView>(`v1/cases/${encodeURIComponent(id)}?${new URLSearchParams({ token, lang })}`),
};
