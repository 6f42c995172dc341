import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessTokenMatches, hashAccessToken, newAccessToken } from '../../shared/auth/access-token.js';
import { loadLocalStaffSecret } from '../../shared/auth/local-secret.js';
import { InvalidCredentials, principalFromAuthorizerClaims } from '../../shared/auth/principal.js';
import { signStaffToken, verifyStaffToken } from '../../shared/auth/staff-token.js';
import { tableContents } from '../api/helpers.js';
import { json, newKey, startCasesHarness } from './harness.js';

const secret = Buffer.from('a-test-secret-that-is-long-enough-for-hs256');
const now = new Date('2025-06-30T02:00:00Z');
const claims = { sub: 'alice', role: 'staff' as const, department: '区科技创新局' };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('staff tokens (HS256, local)', () => {
  it('verify when signed with the secret, within their lifetime', () => {
    const token = signStaffToken(claims, secret, { now });
    expect(verifyStaffToken(token, secret, new Date(now.getTime() + 60_000))).toEqual(claims);
  });

  it('are refused after they expire', () => {
    const token = signStaffToken(claims, secret, { now, ttlSeconds: 60 });
    expect(() => verifyStaffToken(token, secret, new Date(now.getTime() + 61_000))).toThrow(
      InvalidCredentials,
    );
  });

  it('are refused when signed with another secret', () => {
    const token = signStaffToken(claims, Buffer.from('another-secret-that-is-long-enough-xx'), { now });
    expect(() => verifyStaffToken(token, secret, now)).toThrow(/signature/);
  });

  it('are refused when the payload is changed after signing (a staff member making themselves admin)', () => {
    const [header, , signature] = signStaffToken(claims, secret, { now }).split('.');
    const forged = b64({ ...claims, role: 'admin', iss: 'luohu-incentives-local', exp: 2_000_000_000 });
    expect(() => verifyStaffToken(`${header}.${forged}.${signature}`, secret, now)).toThrow(/signature/);
  });

  it('are refused when unsigned (alg none)', () => {
    const payload = b64({ ...claims, iss: 'luohu-incentives-local', exp: 2_000_000_000 });
    expect(() => verifyStaffToken(`${b64({ alg: 'none' })}.${payload}.`, secret, now)).toThrow(/HS256/);
  });

  it('are refused when they carry no valid role', () => {
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const payload = b64({ sub: 'x', role: 'root', iss: 'luohu-incentives-local', exp: 2_000_000_000 });
    const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    expect(() => verifyStaffToken(`${header}.${payload}.${sig}`, secret, now)).toThrow(/staff claims/);
  });

  it('are refused when garbled', () => {
    for (const garbage of ['', 'a.b', 'a.b.c', '...', 'x'.repeat(50)])
      expect(() => verifyStaffToken(garbage, secret, now)).toThrow(InvalidCredentials);
  });
});

describe('claims verified by the API Gateway JWT authorizer (Cognito)', () => {
  it('make an admin of a member of the admin group', () => {
    expect(principalFromAuthorizerClaims({ sub: 'u1', 'cognito:groups': '[staff admin]' })).toEqual({
      kind: 'staff',
      sub: 'u1',
      role: 'admin',
    });
  });

  it('make staff of a member of the staff group, with the department attribute', () => {
    expect(
      principalFromAuthorizerClaims({
        sub: 'u2',
        'cognito:groups': ['staff'],
        'custom:department': '区商务局',
      }),
    ).toEqual({ kind: 'staff', sub: 'u2', role: 'staff', department: '区商务局' });
    expect(principalFromAuthorizerClaims({ sub: 'u3', 'cognito:groups': 'staff' })).toMatchObject({
      role: 'staff',
    });
    expect(principalFromAuthorizerClaims({ sub: 'u4', 'cognito:groups': '["staff"]' })).toMatchObject({
      role: 'staff',
    });
  });

  it('refuse a signed-in user who is in no staff group', () => {
    expect(() => principalFromAuthorizerClaims({ sub: 'u5', 'cognito:groups': '[readers]' })).toThrow(
      InvalidCredentials,
    );
    expect(() => principalFromAuthorizerClaims({ sub: 'u6' })).toThrow(InvalidCredentials);
  });

  it('mean no staff principal when there are no claims', () => {
    expect(principalFromAuthorizerClaims(undefined)).toBeUndefined();
    expect(principalFromAuthorizerClaims({})).toBeUndefined();
  });
});

describe('company access tokens', () => {
  it('carry 128 random bits', () => {
    const token = newAccessToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    expect(new Set(Array.from({ length: 1000 }, newAccessToken)).size).toBe(1000);
  });

  it('hash to a SHA-256 that matches only themselves', () => {
    const token = newAccessToken();
    const hash = hashAccessToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(accessTokenMatches(token, hash)).toBe(true);
    expect(accessTokenMatches(newAccessToken(), hash)).toBe(false);
    expect(accessTokenMatches(token, 'not-a-hash')).toBe(false);
  });

  it('are stored only as that hash: nothing in the table, read back after a case is created, contains the token', async () => {
    const h = await startCasesHarness();
    try {
      const body = { profile: { name: '测试公司' }, contact: { name: '王经理', phone: '0755-12345678' } };
      const res = await h.app.request('/v1/cases', json(body, { 'idempotency-key': newKey() }));
      expect(res.status).toBe(201);
      const { accessToken } = (await res.json()) as { accessToken: string };
      const stored = await tableContents(h.store);
      expect(stored).toContain(hashAccessToken(accessToken));
      expect(stored).not.toContain(accessToken);
    } finally {
      await h.stop();
    }
  });
});

describe('the local staff secret', () => {
  it('is generated once and then read back, so the CLI and the server agree', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 'nested', 'staff-token-secret');
    const first = loadLocalStaffSecret({}, file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadLocalStaffSecret({}, file)).toEqual(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(first).toString('base64url'));
  });

  it('comes from STAFF_TOKEN_SECRET when set, which must be long enough', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 'unused');
    const value = 'x'.repeat(40);
    expect(Buffer.from(loadLocalStaffSecret({ STAFF_TOKEN_SECRET: value }, file)).toString()).toBe(value);
    expect(() => loadLocalStaffSecret({ STAFF_TOKEN_SECRET: 'short' }, file)).toThrow(/at least 32 bytes/);
  });
});
