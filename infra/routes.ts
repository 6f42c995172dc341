// Every route API Gateway knows, who may call it, and how fast. One table so a
// reviewer can check the access model of the whole API in one screen.
//
// Access is enforced in two places, on purpose:
// - `staff` routes carry the Cognito JWT authorizer: API Gateway rejects a
//   missing, expired or foreign token before the Lambda runs, and hands the
//   verified claims (`cognito:groups`, `custom:department`) to the app in
//   `requestContext.authorizer.jwt.claims`. The app then applies its own rules
//   (department scoping, admin) on those claims.
// - `public` routes reach the app unauthenticated. GET /v1/cases/{id} (and its
//   /replay) are among them: companies read their case with `?token=` (no
//   bearer), and an HTTP API route cannot make an authorizer optional. The app
//   checks the access token itself there (see infra/README.md, "Access model").
// - `chatbot` routes need an access token from the 罗i企 app client carrying the
//   `luohu-api/chat` scope (OAuth client credentials).
// Anything not listed falls to `$default` (public): the portal's static assets
// and the app's own 404/405 problem responses. A staff-only route added to the
// app but forgotten here therefore fails closed: it arrives without verified
// claims and the app answers 401.

export type RouteAccess = 'public' | 'staff' | 'chatbot';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Throttle {
  /** Steady-state requests per second, shared by every caller of the route. */
  rateLimit: number;
  /** Requests allowed in a burst above the rate (token bucket size). */
  burstLimit: number;
}

export interface ApiRoute {
  method: HttpMethod;
  path: string;
  access: RouteAccess;
  /** Tighter than the stage default; omitted routes use STAGE_THROTTLE. */
  throttle?: Throttle;
}

// HTTP API throttles are totals per route, not per caller (HTTP APIs have no
// usage plans and no WAF). They protect the bill and the table from a runaway
// client; they are not fairness between clients.
//
// Stage default: the district has a few thousand companies and a few dozen
// staff; 50 rps sustained is far above any real day and far below the
// account's 10,000 rps regional quota, so a loop in one client cannot starve
// other APIs in the account or run up a large bill unnoticed.
export const STAGE_THROTTLE: Throttle = { rateLimit: 50, burstLimit: 100 };

// Creating a case is a person pressing "提交给企业服务中心"; a few per second is
// already a flood of staff work, and each one writes to DynamoDB.
const CASE_CREATION: Throttle = { rateLimit: 5, burstLimit: 10 };
// Free-text extraction is the most CPU per request; one chatbot integration
// behind it.
const CHAT: Throttle = { rateLimit: 10, burstLimit: 20 };

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/', access: 'public' },
  { method: 'GET', path: '/docs', access: 'public' },
  { method: 'GET', path: '/openapi.json', access: 'public' },
  { method: 'GET', path: '/health', access: 'public' },
  { method: 'GET', path: '/v1/tracks', access: 'public' },
  { method: 'GET', path: '/v1/buildings', access: 'public' },
  { method: 'GET', path: '/v1/policies', access: 'public' },
  { method: 'GET', path: '/v1/policies/{id}', access: 'public' },
  { method: 'POST', path: '/v1/match', access: 'public' },
  { method: 'POST', path: '/v1/chat', access: 'chatbot', throttle: CHAT },
  { method: 'POST', path: '/v1/cases', access: 'public', throttle: CASE_CREATION },
  { method: 'GET', path: '/v1/cases/{id}', access: 'public' },
  // Staff or the company (?token=), like GET /v1/cases/{id}.
  { method: 'GET', path: '/v1/cases/{id}/replay', access: 'public' },
  { method: 'GET', path: '/v1/cases', access: 'staff' },
  { method: 'PATCH', path: '/v1/cases/{id}', access: 'staff' },
];

/** The scope the chatbot's client-credentials token must carry on `chatbot` routes. */
export const CHATBOT_RESOURCE_SERVER = 'luohu-api';
export const CHATBOT_SCOPE = 'chat';

export function routeKey(route: Pick<ApiRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
