import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// A company's access token to its own case: 128 random bits, handed out once.
// Only the SHA-256 of it is stored; a leaked table does not open any case. A
// fast hash is enough here (unlike passwords) because the token has full entropy.

export const ACCESS_TOKEN_BYTES = 16;

export function newAccessToken(): string {
  return randomBytes(ACCESS_TOKEN_BYTES).toString('base64url');
}

export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash. */
export function accessTokenMatches(presented: string, storedHash: string): boolean {
  const given = createHash('sha256').update(presented, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}
