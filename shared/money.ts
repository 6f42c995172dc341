// Chinese and English money amounts: parsing (for quotes and chat) and natural
// formatting (万元/亿元 in zh, CNY million/billion in en, words from shared/i18n).

import { fill, type Lang, messagesFor } from './i18n/index.js';
import { toHalfWidth } from './text/normalize.js';

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  // Financial (大写) numerals, as on invoices and contracts.
  壹: 1,
  贰: 2,
  叁: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  柒: 7,
  捌: 8,
  玖: 9,
};
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 拾: 10, 佰: 100, 仟: 1000 };

/** Parses a Chinese numeral below 10,000 (`五千`, `一千五百`, `十`, `二十`, `百`, `壹仟`). */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch];
    } else if (ch in CN_SMALL_UNITS) {
      total += (digit ?? 1) * (CN_SMALL_UNITS[ch] as number);
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + (digit ?? 0);
}

/** Longest first: the regular expression below tries them in this order (`万亿` before `万`). */
const ZH_UNITS: Record<string, number> = {
  万亿: 1e12,
  千亿: 1e11,
  百亿: 1e10,
  十亿: 1e9,
  亿: 1e8,
  千万: 1e7,
  百万: 1e6,
  十万: 1e5,
  万: 1e4,
};

export interface AmountMatch {
  value: number;
  text: string;
  index: number;
}

export interface AmountOptions {
  /**
   * Only amounts that state a number: `3000万`, `两个亿`, `十万元`, but not the bare
   * units of plan prose (`亿元楼`, `百亿级`, `千万`). Chat uses this; quote checks do not.
   */
  requireNumber?: boolean;
}

// Forms that differ only in width or script, mapped one character to one
// character so that match indexes stay valid in the caller's text.
const CHAR_FOLD: Record<string, string> = {
  萬: '万',
  億: '亿',
  兩: '两',
  塊: '块',
  貳: '贰',
  參: '叁',
  陸: '陆',
};

const FOLDED_CHARS = new RegExp(`[${Object.keys(CHAR_FOLD).join('')}]`, 'g');

function foldAmountChars(text: string): string {
  return toHalfWidth(text).replace(FOLDED_CHARS, (c) => CHAR_FOLD[c] as string);
}

const DIGITS = String.raw`(?<![A-Za-z0-9.])\d+(?:,\d{3})*(?:\.\d+)?`;
const CN_NUMERAL = '[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+';
const CN_UNIT = Object.keys(ZH_UNITS).join('|');
const CNY_SUFFIX = '元人民币|元|块钱|块|人民币';
// An amount in another currency is not an amount in yuan: it is recognised so that it can be skipped.
const FOREIGN_SUFFIX = '美元|美金|港元|港币|欧元|日元|英镑|刀';
const FOREIGN_BEFORE = /(?:us\$|hk\$|\$|usd|hkd|eur|€|£|美元|港币|港元)\s*$/i;

// `5000万`, `1.5亿元`, `两个亿`, `3000多万`, `三亿五千万`, `3亿5000万`, `5千元`, `200000元`, and
// (unless requireNumber) bare units as plans write them: `亿元楼`, `百亿级`.
const ZH_AMOUNT = new RegExp(
  String.raw`(?:(${DIGITS})([十百千拾佰仟])?|(${CN_NUMERAL}))?\s*(?:多|余|来)?\s*(个\s*)?(${CN_UNIT})` +
    String.raw`(?:\s*(?:(${DIGITS})|(${CN_NUMERAL}))\s*(千万|百万|十万|万))?(?:多|余)?` +
    String.raw`(?:\s*(${CNY_SUFFIX})|\s*(${FOREIGN_SUFFIX}))?` +
    String.raw`|(${DIGITS})([十百千])?\s*(?:(${CNY_SUFFIX})|(${FOREIGN_SUFFIX}))`,
  'g',
);

function parseArabic(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** A numeral that really states a number: `十万` does, a bare `千万` or `百万` does not. */
function statesNumber(cn: string): boolean {
  return (
    /[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖]/.test(cn) || cn.startsWith('十') || cn.startsWith('拾')
  );
}

function baseValue(
  digits: string | undefined,
  multiplier: string | undefined,
  cn: string | undefined,
): number | undefined {
  if (digits) return parseArabic(digits) * (multiplier ? (CN_SMALL_UNITS[multiplier] as number) : 1);
  if (cn) return parseChineseNumeral(cn);
  return undefined;
}

/** Every Chinese money amount stated in a text, in yuan, in order of appearance. */
export function extractChineseAmounts(text: string, options: AmountOptions = {}): AmountMatch[] {
  const folded = foldAmountChars(text);
  const out: AmountMatch[] = [];
  for (const m of folded.matchAll(ZH_AMOUNT)) {
    const [
      whole,
      digits,
      mult,
      cn,
      ,
      unit,
      digits2,
      cn2,
      unit2,
      ,
      foreign,
      plain,
      plainMult,
      ,
      plainForeign,
    ] = m;
    const index = m.index ?? 0;
    if (foreign || plainForeign || FOREIGN_BEFORE.test(folded.slice(Math.max(0, index - 4), index))) continue;
    let value: number | undefined;
    if (unit) {
      const stated = digits !== undefined || (cn !== undefined && statesNumber(cn));
      if (options.requireNumber && !stated) continue;
      const base = digits || cn ? baseValue(digits, mult, cn) : 1;
      if (base === undefined) continue;
      value = base * (ZH_UNITS[unit] as number);
      if (unit2) {
        const rest = baseValue(digits2, undefined, cn2);
        if (rest === undefined) continue;
        value += rest * (ZH_UNITS[unit2] as number);
      }
    } else if (plain) {
      value = parseArabic(plain) * (plainMult ? (CN_SMALL_UNITS[plainMult] as number) : 1);
    }
    if (value !== undefined && Number.isFinite(value)) {
      const lead = whole.length - whole.trimStart().length;
      out.push({
        value: roundYuan(value),
        text: text.slice(index + lead, index + whole.trimEnd().length),
        index: index + lead,
      });
    }
  }
  return out;
}

const EN_UNITS: Record<string, number> = {
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  million: 1e6,
  millions: 1e6,
  mn: 1e6,
  mio: 1e6,
  m: 1e6,
  thousand: 1e3,
  k: 1e3,
};

// `RMB 30 million`, `CNY 2.5bn`, `30m yuan`, `¥5,000,000`, `500k`; a leading `$`/`USD`/`HK$` or a
// trailing `USD`/`dollars` marks a foreign amount, which is skipped.
const EN_AMOUNT =
  /(?<![a-z0-9.])(?:(rmb|cny|¥|￥)|(us\$|hk\$|\$|usd|hkd|eur|€|£))?\s*(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(billions?|bn|millions?|mn|mio|m|thousand|k)(?![a-z0-9]))?(?:\s*(yuan|rmb|cny|renminbi)(?![a-z])|\s*(usd|hkd|(?:us |hk |hong kong )?dollars?|euros?)(?![a-z]))?/gi;

/**
 * English amounts that are clearly money: a currency word or a scale word must
 * be present (`30 million`, `RMB 5000`), so a bare `50 employees` is not money.
 */
export function extractEnglishAmounts(text: string): AmountMatch[] {
  const folded = foldAmountChars(text);
  const out: AmountMatch[] = [];
  for (const m of folded.matchAll(EN_AMOUNT)) {
    const [whole, cnyBefore, foreignBefore, num, unit, cnyAfter, foreignAfter] = m;
    if (foreignBefore || foreignAfter || !num) continue;
    if (!unit && !cnyBefore && !cnyAfter) continue;
    const value = parseArabic(num) * (unit ? (EN_UNITS[unit.toLowerCase()] as number) : 1);
    if (!Number.isFinite(value)) continue;
    const index = m.index ?? 0;
    const lead = whole.length - whole.trimStart().length;
    out.push({
      value: roundYuan(value),
      text: text.slice(index + lead, index + whole.trimEnd().length),
      index: index + lead,
    });
  }
  return out;
}

/**
 * Chinese and English amounts in order of appearance. Where both readings cover
 * the same words (`RMB 3000万`), the Chinese one (which knows the unit) wins.
 */
export function extractAmounts(text: string, options: AmountOptions = {}): AmountMatch[] {
  const zh = extractChineseAmounts(text, options);
  const overlaps = (a: AmountMatch) =>
    zh.some((z) => a.index < z.index + z.text.length && z.index < a.index + a.text.length);
  return [...zh, ...extractEnglishAmounts(text).filter((a) => !overlaps(a))].sort(
    (a, b) => a.index - b.index,
  );
}

function roundYuan(v: number): number {
  return Math.round(v * 100) / 100;
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : Number.parseFloat(n.toFixed(2)).toString();
}

/**
 * A money amount as people read it: 5000万元 / 1.5亿元 / 800元 in zh, CNY 50 million /
 * CNY 1.5 billion / CNY 800 in en. The scales and words are each language's own
 * (shared/i18n/<lang>/engine.ts `money`); only the number is formatted here.
 */
export function formatCny(yuan: number, lang: Lang): string {
  const money = messagesFor(lang).engine.money;
  const abs = Math.abs(yuan);
  for (const scale of money.scales) {
    if (abs >= scale.min) return fill(scale.template, { n: trimNumber(yuan / scale.divisor) });
  }
  // Thousands separators without Intl (ICU formatting costs microseconds per call).
  const n = money.groupDigits
    ? String(Math.round(yuan)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    : trimNumber(yuan);
  return fill(money.plain, { n });
}
