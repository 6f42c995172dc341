import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { canonicalJson } from '../catalog/catalog.js';

// Idempotent case creation. The first request with a key stores, under the
// key's SHA-256, everything it decided (the case, its snapshot, its first
// history entry); every retry with the same key and the same body returns that
// same case, even while the first request is still writing it.
//
// The retry must also get the company's access token again, and the token is
// stored only as a hash. So the idempotency record keeps the token sealed with
// AES-256-GCM under a key derived (HKDF) from the Idempotency-Key itself, which
// is never stored: only a client holding the key can open it, and only while
// the record lives (24 hours). Someone reading the table gets the key's
// SHA-256 and the ciphertext, neither of which opens the token; that is why
// keys must be long enough not to be guessed (16+ characters; a UUID is fine).

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{16,255}$/;
/** How long a key holds its case: a day of retries, as payment APIs do. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

const HKDF_SALT = 'luohu-incentives/case-access-token/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function isUsableIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

export function idempotencyKeyHash(key: string): string {
  return sha256(`idempotency-key:${key}`);
}

/** Same body, same hash: key order and formatting do not matter, content does. */
export function requestHash(request: unknown): string {
  return sha256(canonicalJson(request));
}

function sealingKey(idempotencyKey: string, caseId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, HKDF_SALT, `case:${caseId}`, 32));
}

export function sealAccessToken(token: string, idempotencyKey: string, caseId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey, caseId), iv);
  cipher.setAAD(Buffer.from(caseId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** Throws when the key is not the one the token was sealed with. */
export function openAccessToken(sealed: string, idempotencyKey: string, caseId: string): string {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    sealingKey(idempotencyKey, caseId),
    bytes.subarray(0, IV_BYTES),
  );
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  decipher.setAAD(Buffer.from(caseId, 'utf8'));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}
