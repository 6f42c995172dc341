import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, shanghaiDate } from '../../functions/http/dates.js';

// The default asOf is today in Shenzhen. shanghaiDate computes it as a fixed
// UTC+8 shift; the time-zone database must agree for any instant the service
// can see.
describe('shanghaiDate', () => {
  const tzdb = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });

  it('turns the day at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2025-06-30T15:59:59.999Z'))).toBe('2025-06-30');
    expect(shanghaiDate(new Date('2025-06-30T16:00:00.000Z'))).toBe('2025-07-01');
    expect(shanghaiDate(new Date('2024-12-31T16:00:00.000Z'))).toBe('2025-01-01');
    expect(shanghaiDate(new Date('2028-02-28T16:00:00.000Z'))).toBe('2028-02-29');
  });

  it('agrees with the time-zone database at any instant from 1992 to 2100', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1992-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (now) => {
          expect(shanghaiDate(now)).toBe(tzdb.format(now));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('always writes a calendar date', () => {
    expect(isCalendarDate(shanghaiDate(new Date()))).toBe(true);
  });
});
