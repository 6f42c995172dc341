import { describe, expect, it } from 'vitest';
import {
  idempotencyKeyHash,
  isUsableIdempotencyKey,
  openAccessToken,
  requestHash,
  sealAccessToken,
} from '../../shared/cases/idempotency.js';
import { tableContents } from '../api/helpers.js';
import { json, newKey, startCasesHarness } from './harness.js';

describe('idempotency keys and request hashes', () => {
  it('accept a UUID and refuse keys too short to be secret or with odd characters', () => {
    expect(isUsableIdempotencyKey('5f0c7a8e-3c1d-4b7e-9d2a-0f6b1e2c3d4e')).toBe(true);
    expect(isUsableIdempotencyKey('short-key')).toBe(false);
    expect(isUsableIdempotencyKey('a key with spaces in it')).toBe(false);
    expect(isUsableIdempotencyKey('键'.repeat(20))).toBe(false);
    expect(isUsableIdempotencyKey('x'.repeat(256))).toBe(false);
  });

  it('hash a key to a SHA-256', () => {
    expect(idempotencyKeyHash('5f0c7a8e-3c1d-4b7e-9d2a-0f6b1e2c3d4e')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are stored only as that hash: nothing in the table, read back after a case is created, contains the key', async () => {
    const h = await startCasesHarness();
    try {
      const key = newKey();
      const body = { profile: { name: '测试公司' }, contact: { name: '王经理', phone: '0755-12345678' } };
      const res = await h.app.request('/v1/cases', json(body, { 'idempotency-key': key }));
      expect(res.status).toBe(201);
      const stored = await tableContents(h.store);
      expect(stored).toContain(idempotencyKeyHash(key));
      expect(stored).not.toContain(key);
    } finally {
      await h.stop();
    }
  });

  it('hash requests by content, not by key order', () => {
    const a = { profile: { name: 'A', employees: 3 }, contact: { name: '王' } };
    const b = { contact: { name: '王' }, profile: { employees: 3, name: 'A' } };
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash(a)).not.toBe(requestHash({ ...a, note: 'x' }));
  });
});

describe('the sealed access token of an idempotency record', () => {
  const key = '5f0c7a8e-3c1d-4b7e-9d2a-0f6b1e2c3d4e';
  const token = 'abcdefghijklmnopqrstuv';

  it('opens with the idempotency key it was sealed with', () => {
    expect(openAccessToken(sealAccessToken(token, key, 'case-1'), key, 'case-1')).toBe(token);
  });

  it('does not contain the token', () => {
    expect(Buffer.from(sealAccessToken(token, key, 'case-1'), 'base64url').includes(Buffer.from(token))).toBe(
      false,
    );
  });

  it('does not open with another key, or for another case', () => {
    const sealed = sealAccessToken(token, key, 'case-1');
    expect(() => openAccessToken(sealed, `${key}x`, 'case-1')).toThrow();
    expect(() => openAccessToken(sealed, key, 'case-2')).toThrow();
  });
});
