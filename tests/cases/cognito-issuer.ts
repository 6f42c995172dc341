import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for a Cognito user pool's token side: a real HTTP server on
// loopback publishing its keys at <issuer>/.well-known/jwks.json, and RS256 ID
// tokens signed with them, shaped as Cognito issues them.

export interface TestIssuer {
  issuer: string;
  clientId: string;
  /** How often the key set was fetched. */
  fetches(): number;
  /** Starts publishing a new key (as Cognito does when it rotates) and signs with it. */
  rotate(): void;
  idToken(
    claims: Record<string, unknown>,
    options?: { header?: Record<string, unknown>; key?: KeyObject },
  ): string;
  stop(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startTestIssuer(clientId = 'staffclientid'): Promise<TestIssuer> {
  const keys: { kid: string; privateKey: KeyObject; publicKey: KeyObject }[] = [];
  const addKey = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys.push({ kid: `kid-${keys.length + 1}`, privateKey, publicKey });
  };
  addKey();
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/pool/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    const jwks = {
      keys: keys.map((k) => ({
        ...k.publicKey.export({ format: 'jwk' }),
        kid: k.kid,
        alg: 'RS256',
        use: 'sig',
      })),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
  return {
    issuer,
    clientId,
    fetches: () => fetches,
    rotate: addKey,
    idToken(claims, { header, key } = {}) {
      const current = keys.at(-1) as (typeof keys)[number];
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: issuer, aud: clientId, token_use: 'id', iat: now, exp: now + 3600, ...claims };
      const signingInput = `${b64({ alg: 'RS256', kid: current.kid, ...header })}.${b64(payload)}`;
      const signature = sign('RSA-SHA256', Buffer.from(signingInput), key ?? current.privateKey);
      return `${signingInput}.${signature.toString('base64url')}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
