import { describe, expect, it } from 'vitest';
import {
  extractAmounts,
  extractChineseAmounts,
  extractEnglishAmounts,
  parseChineseNumeral,
} from '../../shared/money.js';

const values = (text: string, requireNumber = true) =>
  extractAmounts(text, { requireNumber }).map((a) => a.value);

describe('parseChineseNumeral', () => {
  it.each([
    ['五千', 5000],
    ['一千五百', 1500],
    ['十', 10],
    ['二十', 20],
    ['两千零五', 2005],
    ['壹仟贰佰', 1200],
  ])('%s is %d', (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it('refuses what is not a numeral', () => {
    expect(parseChineseNumeral('万')).toBeUndefined();
    expect(parseChineseNumeral('')).toBeUndefined();
  });
});

describe('extractAmounts', () => {
  it.each([
    ['营收3000万', 30_000_000],
    ['3000万元', 30_000_000],
    ['3000 万', 30_000_000],
    ['1.5亿', 150_000_000],
    ['10亿元', 1_000_000_000],
    ['2个亿', 200_000_000],
    ['两个亿', 200_000_000],
    ['3000多万', 30_000_000],
    ['五千万', 50_000_000],
    ['三千万', 30_000_000],
    ['一千二百万', 12_000_000],
    ['三亿五千万', 350_000_000],
    ['3亿5000万元', 350_000_000],
    ['5千元', 5000],
    ['十万元', 100_000],
    ['200000元', 200_000],
    ['人民币3000万', 30_000_000],
    ['3000万人民币', 30_000_000],
    ['５０００萬', 50_000_000],
    ['兩億', 200_000_000],
    ['RMB 30 million', 30_000_000],
    ['30 million yuan', 30_000_000],
    ['CNY 2.5bn', 2_500_000_000],
    ['RMB30m', 30_000_000],
    ['¥5,000,000', 5_000_000],
    ['500k RMB', 500_000],
    ['1 billion', 1_000_000_000],
  ])('%s is %d yuan', (text, yuan) => {
    expect(values(text)).toEqual([yuan]);
  });

  it.each([
    '$5 million',
    'USD 5 million',
    '5 million US dollars',
    'HK$50 million',
    '500万美元',
    '3000万港币',
    '2000万港元',
  ])('skips %s, which is not in yuan', (text) => {
    expect(values(text)).toEqual([]);
  });

  it.each([
    '2025年',
    '45 employees',
    'KK100',
    '粤海城T1',
    '5G',
    '12345',
    '千万不要',
    '亿元楼',
    '百亿级',
    '万象城',
  ])('finds no stated amount in %s', (text) => {
    expect(values(text)).toEqual([]);
  });

  it('still reads the bare units of plan prose when a number is not required', () => {
    expect(values('亿元楼', false)).toEqual([100_000_000]);
    expect(values('百亿级', false)).toEqual([10_000_000_000]);
    expect(extractChineseAmounts('超过 5000 万').map((a) => a.value)).toEqual([50_000_000]);
  });

  it('reads one amount once when its Chinese and English readings overlap', () => {
    expect(extractAmounts('RMB 3000万', { requireNumber: true })).toEqual([
      { value: 30_000_000, text: '3000万', index: 4 },
    ]);
  });

  it('reports each amount with its words and position, in order', () => {
    expect(extractAmounts('年销售额2个亿，纳税500万', { requireNumber: true })).toEqual([
      { value: 200_000_000, text: '2个亿', index: 4 },
      { value: 5_000_000, text: '500万', index: 10 },
    ]);
  });

  it('needs a scale or a currency for an English amount', () => {
    expect(extractEnglishAmounts('we have 45 employees and 3 offices')).toEqual([]);
    expect(extractEnglishAmounts('revenue of 30 million').map((a) => a.value)).toEqual([30_000_000]);
  });
});
