import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  creditCodeCheckCharacter,
  isValidCreditCode,
  normalizeCreditCode,
} from '../../shared/credit-code.js';

// Real codes: the worked example of GB 32100-2015 itself, and codes printed on
// the public business licences of large Shenzhen and Beijing companies.
const VALID = ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91110000100017643K'];

describe('GB 32100-2015 unified social credit codes', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
  });

  it('computes the standard example’s check character', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('normalises full width, spaces, hyphens and lower case before checking', () => {
    expect(normalizeCreditCode('９１３５０１００ｍ０００１００ｙ４３')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode(' 9135 0100 m000 100y43\u3000')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('91350100-M000100Y4-3')).toBe('91350100M000100Y43');
    expect(isValidCreditCode('９１３５０１００ｍ０００１００ｙ４３')).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, problem: 'checksum' });
    expect(checkCreditCode('914403001922038217')).toMatchObject({ ok: false, problem: 'checksum' });
  });

  it('refuses a wrong length', () => {
    expect(checkCreditCode('91350100M000100Y4')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkCreditCode('91350100M000100Y433')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkCreditCode('')).toMatchObject({ ok: false, problem: 'length' });
  });

  it('refuses letters the standard does not use (I, O, Z, S, V) and other characters', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V', '*', '中'])
      expect(checkCreditCode(`91350100M000100Y4${bad}`)).toMatchObject({ ok: false, problem: 'charset' });
  });

  it('refuses an administrative division code that is not six digits', () => {
    // Check character recomputed, so only the division is wrong.
    const first17 = '9135A100M000100Y4';
    const code = `${first17}${creditCodeCheckCharacter(first17)}`;
    expect(checkCreditCode(code)).toMatchObject({ ok: false, problem: 'division' });
  });

  it('catches every single-character substitution in a valid code', () => {
    for (const code of VALID)
      for (let i = 0; i < code.length; i++)
        for (const ch of CREDIT_CODE_ALPHABET) {
          if (ch === code[i]) continue;
          const corrupted = code.slice(0, i) + ch + code.slice(i + 1);
          if (i >= 2 && i < 8 && !/\d/.test(ch)) continue; // that is the division check, tested above
          expect(isValidCreditCode(corrupted), corrupted).toBe(false);
        }
  });

  it('catches swapping two adjacent different characters', () => {
    for (const code of VALID)
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isValidCreditCode(swapped), swapped).toBe(false);
      }
  });

  it('accepts exactly one check character for any 17 valid leading characters', () => {
    const alnum = fc.constantFrom(...CREDIT_CODE_ALPHABET);
    const digit = fc.constantFrom(...'0123456789');
    const first17 = fc
      .tuple(
        fc.array(alnum, { minLength: 2, maxLength: 2 }),
        fc.array(digit, { minLength: 6, maxLength: 6 }),
        fc.array(alnum, { minLength: 9, maxLength: 9 }),
      )
      .map(([a, b, c]) => [...a, ...b, ...c].join(''));
    fc.assert(
      fc.property(first17, (head) => {
        const accepted = [...CREDIT_CODE_ALPHABET].filter((ch) => isValidCreditCode(head + ch));
        expect(accepted).toEqual([creditCodeCheckCharacter(head)]);
      }),
    );
  });
});
