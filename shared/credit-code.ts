import { toHalfWidth } from './text/normalize.js';

// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from
// a 31-character alphabet (digits and upper-case letters without I, O, Z, S, V):
// registration authority (1), entity category (1), administrative division (6
// digits, GB/T 2260), organisation code (9, GB 11714) and a check character.

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_LENGTH = 18;

// Weight of position i (1-based) is 3^(i-1) mod 31, as tabulated in the standard.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeProblem = 'length' | 'charset' | 'division' | 'checksum';

export type CreditCodeCheck =
  | { ok: true; code: string }
  | { ok: false; code: string; problem: CreditCodeProblem };

/** Full-width → half-width, spaces and hyphens removed, upper case: how people paste codes from forms and PDFs. */
export function normalizeCreditCode(input: string): string {
  return toHalfWidth(input)
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or undefined if one is outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) return undefined;
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] as string);
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[i] as number);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check];
}

/** Normalises and validates a code; `code` is the normalised form either way. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normalizeCreditCode(input);
  if (code.length !== CREDIT_CODE_LENGTH) return { ok: false, code, problem: 'length' };
  for (const ch of code)
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return { ok: false, code, problem: 'charset' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, code, problem: 'division' };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17])
    return { ok: false, code, problem: 'checksum' };
  return { ok: true, code };
}

export function isValidCreditCode(input: string): boolean {
  return checkCreditCode(input).ok;
}
