// Dates as the API writes them: YYYY-MM-DD, in Shenzhen's time zone.

// China Standard Time is UTC+8 all year (no daylight saving since 1991), so
// the date in Shenzhen is the UTC date of the clock moved 8 hours on. This
// spares loading ICU time-zone data for an Intl.DateTimeFormat, ~17 ms of the
// Lambda's cold start.
const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in Asia/Shanghai: the default `asOf` of a match. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2025-02-29` is well-formed but not a date; this says whether the calendar has it. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
