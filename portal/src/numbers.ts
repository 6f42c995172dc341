// Reading the numbers people type: full-width digits from Chinese input methods,
// thousands separators, a leading minus. Range checks are the API's job (its 400
// names the field), so a negative amount is passed on, not silently dropped.

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** undefined for an empty box, NaN for text that is not a number. */
export function parseNumber(raw: string): number | undefined {
  const text = halfWidth(raw)
    .replace(/[\s,，]/g, '')
    .replace(/^−/, '-');
  if (text === '') return undefined;
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
}

/** 万元 → yuan, rounded to the fen so that 1.1 万元 is 11000, not 11000.000000000002. */
export function wanToYuan(wan: number): number {
  return Math.round(wan * 1_000_000) / 100;
}

export function yuanToWan(yuan: number): number {
  return yuan / 10_000;
}

export function formatNumber(value: number, lang: 'zh' | 'en'): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }).format(value);
}
