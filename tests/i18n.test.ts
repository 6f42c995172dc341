import { describe, expect, it } from 'vitest';
import { fill, messages } from '../shared/i18n/index.js';

// Every user-facing string exists in both languages, under the same key, with
// the same placeholders: a missing English string would otherwise surface as
// `undefined` in front of a user.

function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      for (const [p, s] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, s);
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the i18n tables', () => {
  const zh = leaves(messages.zh);
  const en = leaves(messages.en);

  it('have the same keys in zh and en', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have no empty strings (separators may be empty: zh joins 「titles」 with nothing)', () => {
    for (const [k, v] of [...zh, ...en]) if (!k.endsWith('Separator')) expect(v.trim(), k).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const [k, v] of zh) expect(placeholders(en.get(k) ?? ''), k).toEqual(placeholders(v));
  });

  it('fill replaces known placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} 和 {b}', { a: 1 })).toBe('1 和 {b}');
  });
});
