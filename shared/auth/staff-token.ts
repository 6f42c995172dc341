import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeJwtPart, splitCompactJwt } from './jwt.js';
import { InvalidCredentials, type StaffClaims, StaffClaimsSchema } from './principal.js';

// Staff bearer tokens for running the service outside AWS: compact JWTs signed
// with HS256 and a local secret (see ./local-secret.ts). In AWS, API Gateway's
// JWT authorizer verifies Cognito tokens instead and this verifier is not used:
// a deployment must never accept tokens signed with a secret that lives on a
// developer's disk.

export const STAFF_TOKEN_ISSUER = 'luohu-incentives-local';
const HEADER = { alg: 'HS256', typ: 'JWT' } as const;
/** A working day; long enough for local use, short enough that a leaked token dies. */
export const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function signature(signingInput: string, secret: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

export function signStaffToken(
  claims: StaffClaims,
  secret: Uint8Array,
  options: { now: Date; ttlSeconds?: number },
): string {
  const iat = Math.floor(options.now.getTime() / 1000);
  const payload = {
    ...StaffClaimsSchema.parse(claims),
    iss: STAFF_TOKEN_ISSUER,
    iat,
    exp: iat + (options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
  };
  const signingInput = `${b64url(JSON.stringify(HEADER))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${b64url(signature(signingInput, secret))}`;
}

/** Verifies signature, algorithm, issuer and lifetime; returns the staff claims. */
export function verifyStaffToken(token: string, secret: Uint8Array, now: Date): StaffClaims {
  const { header, signingInput, payloadPart, signature: given } = splitCompactJwt(token);
  // The algorithm is fixed here, not taken from the token: a token saying
  // `alg: none` (or RS256 with our secret as a "public key") must not pass.
  if (header.alg !== 'HS256') throw new InvalidCredentials('token algorithm is not HS256');
  const expected = signature(signingInput, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidCredentials('token signature does not verify');
  const payload = decodeJwtPart(payloadPart, 'payload');
  if (payload.iss !== STAFF_TOKEN_ISSUER) throw new InvalidCredentials('token issuer is not accepted');
  const seconds = now.getTime() / 1000;
  if (typeof payload.exp !== 'number' || payload.exp <= seconds)
    throw new InvalidCredentials('token has expired');
  if (typeof payload.nbf === 'number' && payload.nbf > seconds)
    throw new InvalidCredentials('token is not yet valid');
  const claims = StaffClaimsSchema.safeParse(payload);
  if (!claims.success)
    throw new InvalidCredentials('token claims are not staff claims', { cause: claims.error });
  return claims.data;
}
