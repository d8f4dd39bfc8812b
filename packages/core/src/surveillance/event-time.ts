/**
 * Epoch milliseconds of an ISO-8601 timestamp, keeping digits finer than a millisecond as a fraction
 * (Date.parse drops them): micro-bursts of quote stuffing are measured within one millisecond.
 * Timestamps arrive validated by the event contract (events/fields.ts: `YYYY-MM-DDTHH:MM:SS[.f{1,9}]` in
 * UTC, `Z` or `+00:00`), so the fields sit at fixed places and are read as digits: Date.parse, which must
 * first recognise one of many formats, was a twentieth of the engine's time per event.
 */
export function eventTimeMs(iso: string): number {
  // Whole milliseconds: the first three fraction digits, if any (".5" is 500 ms).
  let wholeMs = 0;
  let index = 20;
  if (iso.charCodeAt(19) === 46) {
    for (let scale = 100; scale >= 1; scale /= 10) {
      const code = iso.charCodeAt(index);
      if (!(code >= 48 && code <= 57)) break;
      wholeMs += (code - 48) * scale;
      index++;
    }
  }
  const seconds =
    daysFromCivil(digits(iso, 0, 4), digits(iso, 5, 2), digits(iso, 8, 2)) * 86_400 +
    digits(iso, 11, 2) * 3600 +
    digits(iso, 14, 2) * 60 +
    digits(iso, 17, 2);
  let scale = 0.1;
  let fraction = 0;
  // Digits after the third are below a millisecond.
  for (
    let code = iso.charCodeAt(index);
    index >= 23 && code >= 48 && code <= 57;
    code = iso.charCodeAt(++index)
  ) {
    fraction += (code - 48) * scale;
    scale /= 10;
  }
  return seconds * 1000 + wholeMs + fraction;
}

/** The decimal number written by `count` digits of `text` from `start`. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, year 1 onwards (Howard Hinnant's
 * days_from_civil, "chrono-Compatible Low-Level Date Algorithms"): years counted from March, so the leap
 * day ends a year, in 400-year eras of 146,097 days.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function isoOf(timeMs: number): string {
  return new Date(Math.floor(timeMs)).toISOString();
}
