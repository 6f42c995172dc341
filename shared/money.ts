// Chinese and English money amounts: parsing (for quotes and chat) and natural
// formatting (万元/亿元 in zh, CNY million/billion in en).

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses a Chinese numeral below 10,000 (`五千`, `一千五百`, `十`, `二十`, `百`). */
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

// `5000万`, `10亿元`, `1.5亿`, `百亿`, `亿元`, `五千万`, `3000 万元`, `200000元`.
const ZH_AMOUNT =
  /(\d+(?:[.,]\d+)*|[零〇一二两三四五六七八九十百千]+)?\s*(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)(?:元|块)?|(\d+(?:[.,]\d+)*)\s*(?:元|块钱|块)/g;
// `3 million`, `CNY 2.5 billion`, `RMB 30m`, `500k yuan`, `1,200,000 yuan`.
const EN_AMOUNT =
  /(?:(?:rmb|cny|¥|￥)\s*)?(\d+(?:[.,]\d+)*)\s*(billion|bn|million|mn|m|thousand|k)?\b\s*(?:yuan|rmb|cny)?/gi;

function parseArabic(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** Every Chinese money amount stated in a text, in yuan, in order of appearance. */
export function extractChineseAmounts(text: string): AmountMatch[] {
  const out: AmountMatch[] = [];
  for (const m of text.matchAll(ZH_AMOUNT)) {
    const [whole, num, unit, plain] = m;
    let value: number | undefined;
    if (unit) {
      let base: number | undefined = 1;
      if (num) base = /\d/.test(num) ? parseArabic(num) : parseChineseNumeral(num);
      if (base === undefined) continue;
      value = base * (ZH_UNITS[unit] as number);
    } else if (plain) {
      value = parseArabic(plain);
    }
    if (value !== undefined && Number.isFinite(value)) {
      out.push({ value: roundYuan(value), text: whole.trim(), index: m.index ?? 0 });
    }
  }
  return out;
}

const EN_UNITS: Record<string, number> = {
  billion: 1e9,
  bn: 1e9,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  thousand: 1e3,
  k: 1e3,
};

/**
 * English amounts that are clearly money: a currency word or a scale word must
 * be present (`30 million`, `RMB 5000`), so a bare `50 employees` is not money.
 */
export function extractEnglishAmounts(text: string): AmountMatch[] {
  const out: AmountMatch[] = [];
  for (const m of text.matchAll(EN_AMOUNT)) {
    const [whole, num, unit] = m;
    const hasCurrency = /rmb|cny|yuan|¥|￥/i.test(whole);
    if (!unit && !hasCurrency) continue;
    if (!num) continue;
    const value = parseArabic(num) * (unit ? (EN_UNITS[unit.toLowerCase()] as number) : 1);
    if (Number.isFinite(value)) out.push({ value: roundYuan(value), text: whole.trim(), index: m.index ?? 0 });
  }
  return out;
}

export function extractAmounts(text: string): AmountMatch[] {
  return [...extractChineseAmounts(text), ...extractEnglishAmounts(text)].sort((a, b) => a.index - b.index);
}

function roundYuan(v: number): number {
  return Math.round(v * 100) / 100;
}

function trimNumber(n: number): string {
  return Number.parseFloat(n.toFixed(2)).toString();
}

/** 5000万元, 1.5亿元, 800元 */
export function formatCnyZh(yuan: number): string {
  const abs = Math.abs(yuan);
  if (abs >= 1e8) return `${trimNumber(yuan / 1e8)}亿元`;
  if (abs >= 1e4) return `${trimNumber(yuan / 1e4)}万元`;
  return `${trimNumber(yuan)}元`;
}

/** CNY 50 million, CNY 1.5 billion, CNY 800 */
export function formatCnyEn(yuan: number): string {
  const abs = Math.abs(yuan);
  if (abs >= 1e9) return `CNY ${trimNumber(yuan / 1e9)} billion`;
  if (abs >= 1e6) return `CNY ${trimNumber(yuan / 1e6)} million`;
  return `CNY ${Math.round(yuan).toLocaleString('en-US')}`;
}

export function formatCny(yuan: number, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? formatCnyZh(yuan) : formatCnyEn(yuan);
}
