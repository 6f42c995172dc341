import { describe, expect, it } from 'vitest';
import { fill } from '../../shared/i18n/index.js';
import { formatCny } from '../../shared/money.js';

// The two formatters every explanation goes through.

describe('fill', () => {
  it('replaces every placeholder, repeated ones too, and takes parameters literally', () => {
    expect(fill('{a} and {b} and {a}', { a: 'x', b: '$& $1' })).toBe('x and $& $1 and x');
  });

  it('leaves a placeholder with no parameter as written', () => {
    expect(fill('{a}{missing}!', { a: 1 })).toBe('1{missing}!');
  });

  it('fills the same template with other parameters (templates are split once and reused)', () => {
    expect(fill('达到{n}万元', { n: 5 })).toBe('达到5万元');
    expect(fill('达到{n}万元', { n: 7 })).toBe('达到7万元');
  });
});

describe('formatCny', () => {
  it.each([
    [0, '0元', 'CNY 0'],
    [800, '800元', 'CNY 800'],
    [12_345, '1.23万元', 'CNY 12,345'],
    [999_999, '100万元', 'CNY 999,999'],
    [1_000_000, '100万元', 'CNY 1 million'],
    [50_000_000, '5000万元', 'CNY 50 million'],
    [150_000_000, '1.5亿元', 'CNY 150 million'],
    [3_000_000_000, '30亿元', 'CNY 3 billion'],
  ])('%d yuan reads %s / %s', (yuan, zh, en) => {
    expect(formatCny(yuan, 'zh')).toBe(zh);
    expect(formatCny(yuan, 'en')).toBe(en);
  });
});
