import { createHmac, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwksKeys, verifyCognitoIdToken } from '../../shared/auth/cognito-token.js';
import { InvalidCredentials, principalFromAuthorizerClaims } from '../../shared/auth/principal.js';
import { startTestIssuer, type TestIssuer } from './cognito-issuer.js';

// Staff bearer tokens on the routes API Gateway leaves public: the app checks
// Cognito ID tokens itself, against the pool's published keys.

let pool: TestIssuer;
beforeAll(async () => {
  pool = await startTestIssuer();
});
afterAll(async () => {
  await pool?.stop();
});

const options = () => ({
  issuer: pool.issuer,
  clientId: pool.clientId,
  keys: jwksKeys(`${pool.issuer}/.well-known/jwks.json`),
});
const staff = { sub: 'u-1', 'cognito:groups': ['staff'], 'custom:department': '区科技创新局' };

describe('verifying a Cognito ID token', () => {
  it('accepts a staff ID token of the pool and the staff client, and yields its staff principal', async () => {
    const claims = await verifyCognitoIdToken(pool.idToken(staff), options(), new Date());
    expect(principalFromAuthorizerClaims(claims)).toEqual({
      kind: 'staff',
      sub: 'u-1',
      role: 'staff',
      department: '区科技创新局',
    });
  });

  it.each([
    ['another issuer', { iss: 'https://cognito-idp.ap-east-1.amazonaws.com/other' }],
    ['another client', { aud: 'otherclient' }],
    ['an access token', { token_use: 'access' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 1 }],
  ])('refuses %s', async (_, claims) => {
    await expect(
      verifyCognitoIdToken(pool.idToken({ ...staff, ...claims }), options(), new Date()),
    ).rejects.toThrow(InvalidCredentials);
  });

  it('refuses a token signed with a key the pool does not publish', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = pool.idToken(staff, { key: privateKey });
    await expect(verifyCognitoIdToken(token, options(), new Date())).rejects.toThrow(/signature/);
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = pool.idToken(staff).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...staff,
        'cognito:groups': ['admin'],
        iss: pool.issuer,
        aud: pool.clientId,
        token_use: 'id',
        exp: 2e9,
      }),
    ).toString('base64url');
    await expect(
      verifyCognitoIdToken(`${header}.${forged}.${signature}`, options(), new Date()),
    ).rejects.toThrow(/signature/);
  });

  it('refuses HS256 and unsigned tokens, whatever they claim', async () => {
    const payload = Buffer.from(
      JSON.stringify({ ...staff, iss: pool.issuer, aud: pool.clientId, token_use: 'id', exp: 2e9 }),
    ).toString('base64url');
    const hs = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'kid-1' })).toString('base64url');
    const mac = createHmac('sha256', 'guess').update(`${hs}.${payload}`).digest('base64url');
    await expect(verifyCognitoIdToken(`${hs}.${payload}.${mac}`, options(), new Date())).rejects.toThrow(
      /RS256/,
    );
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    await expect(verifyCognitoIdToken(`${none}.${payload}.`, options(), new Date())).rejects.toThrow(/RS256/);
  });

  it('refuses a token naming a key id the pool does not have', async () => {
    const token = pool.idToken(staff, { header: { kid: 'no-such-key' } });
    await expect(verifyCognitoIdToken(token, options(), new Date())).rejects.toThrow(/does not publish/);
  });
});

describe('the pool key set', () => {
  it('is fetched once and kept, then fetched again for a new key id, at most once a minute', async () => {
    let now = Date.parse('2025-06-30T02:00:00Z');
    const keys = jwksKeys(`${pool.issuer}/.well-known/jwks.json`, { clock: () => new Date(now) });
    const before = pool.fetches();
    expect(await keys.key('kid-1')).toBeDefined();
    expect(await keys.key('kid-1')).toBeDefined();
    expect(pool.fetches() - before).toBe(1);
    pool.rotate();
    expect(await keys.key('kid-2')).toBeUndefined(); // within the minute: not fetched again
    expect(pool.fetches() - before).toBe(1);
    now += 61_000;
    expect(await keys.key('kid-2')).toBeDefined();
    expect(pool.fetches() - before).toBe(2);
  });
});
