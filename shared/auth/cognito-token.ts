import { createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto';
import { decodeJwtPart, splitCompactJwt } from './jwt.js';
import { InvalidCredentials } from './principal.js';

// Cognito ID tokens, verified by the app itself. Where API Gateway's JWT
// authorizer runs it verifies them and hands over the claims; but GET
// /v1/cases/{id} and its /replay are public at the gateway (companies call them
// with ?token=, and an HTTP API authorizer cannot be optional), so a staff
// member's bearer token reaches the app unverified there. It is checked here,
// completely, before any claim in it is believed: RS256 signature against the
// user pool's published keys, issuer, audience (the staff app client),
// token_use = id (only ID tokens carry custom:department), and lifetime.

export interface CognitoVerifierOptions {
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` */
  issuer: string;
  /** The staff app client's id: the ID token's `aud`. */
  clientId: string;
  keys: SigningKeys;
}

/** The user pool's public keys by key id. */
export interface SigningKeys {
  key(kid: string): Promise<KeyObject | undefined>;
}

/** The token's claims, once every check has passed; InvalidCredentials otherwise. */
export async function verifyCognitoIdToken(
  token: string,
  options: CognitoVerifierOptions,
  now: Date,
): Promise<Record<string, unknown>> {
  const { header, signingInput, payloadPart, signature } = splitCompactJwt(token);
  if (header.alg !== 'RS256') throw new InvalidCredentials('token algorithm is not RS256');
  if (typeof header.kid !== 'string') throw new InvalidCredentials('token names no key');
  const key = await options.keys.key(header.kid);
  if (!key) throw new InvalidCredentials('token is signed with a key the user pool does not publish');
  if (!verify('RSA-SHA256', Buffer.from(signingInput), key, signature))
    throw new InvalidCredentials('token signature does not verify');
  const claims = decodeJwtPart(payloadPart, 'payload');
  if (claims.iss !== options.issuer) throw new InvalidCredentials('token issuer is not the user pool');
  if (claims.aud !== options.clientId) throw new InvalidCredentials('token is not for the staff client');
  if (claims.token_use !== 'id') throw new InvalidCredentials('token is not an ID token');
  if (typeof claims.exp !== 'number' || claims.exp <= now.getTime() / 1000)
    throw new InvalidCredentials('token has expired');
  return claims;
}

/** Minimum time between two fetches of the key set, so unknown key ids cannot make us hammer Cognito. */
const REFETCH_AFTER_MS = 60_000;

/**
 * The keys published at `<issuer>/.well-known/jwks.json`, fetched on first
 * use and again (at most once a minute) when a token names a key not yet seen,
 * which is how Cognito's key rotation shows.
 */
export function jwksKeys(
  url: string,
  {
    fetch: fetchJson = globalThis.fetch,
    clock = () => new Date(),
  }: { fetch?: typeof globalThis.fetch; clock?: () => Date } = {},
): SigningKeys {
  let keys = new Map<string, KeyObject>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;
  const refresh = async () => {
    const res = await fetchJson(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`JWKS ${url} answered HTTP ${res.status}`);
    const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string })[] };
    const next = new Map<string, KeyObject>();
    for (const jwk of body.keys ?? [])
      if (jwk.kid && jwk.kty === 'RSA') next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    keys = next;
    fetchedAt = clock().getTime();
  };
  return {
    async key(kid) {
      if (!keys.has(kid) && clock().getTime() - fetchedAt >= REFETCH_AFTER_MS) {
        pending ??= refresh().finally(() => {
          pending = undefined;
        });
        await pending;
      }
      return keys.get(kid);
    },
  };
}
