import { InvalidCredentials } from './principal.js';

// The compact JWT form both staff-token verifiers read (HS256 locally, RS256
// from Cognito): three base64url parts, the first two JSON objects. Only the
// form is checked here; each verifier checks algorithm, signature and claims.

export interface CompactJwt {
  header: Record<string, unknown>;
  /** `<header>.<payload>` as received: the bytes the signature covers. */
  signingInput: string;
  payloadPart: string;
  signature: Buffer;
}

/** A base64url part decoded as a JSON object; InvalidCredentials otherwise. */
export function decodeJwtPart(part: string, what: 'header' | 'payload'): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (cause) {
    throw new InvalidCredentials(`token ${what} is not JSON`, { cause });
  }
  throw new InvalidCredentials(`token ${what} is not an object`);
}

/**
 * The parts of a compact JWT, with the header decoded. The payload stays
 * encoded: a verifier decodes it (decodeJwtPart) only once the signature holds.
 */
export function splitCompactJwt(token: string): CompactJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidCredentials('token is not a compact JWT');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  return {
    header: decodeJwtPart(headerPart, 'header'),
    signingInput: `${headerPart}.${payloadPart}`,
    payloadPart,
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}
