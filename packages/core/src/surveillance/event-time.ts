/**
 * Epoch milliseconds of an ISO-8601 timestamp, keeping digits finer than a millisecond as a fraction
 * (Date.parse drops them): micro-bursts of quote stuffing are measured within one millisecond.
 * Timestamps arrive validated by the event contract, so the fraction, if any, starts at index 20.
 */
export function eventTimeMs(iso: string): number {
  const wholeMs = Date.parse(iso);
  let index = 23;
  let scale = 0.1;
  let fraction = 0;
  // "YYYY-MM-DDTHH:MM:SS.mmm" is 23 characters; digits after it are below a millisecond.
  if (iso.charCodeAt(19) !== 46) return wholeMs;
  for (let code = iso.charCodeAt(index); code >= 48 && code <= 57; code = iso.charCodeAt(++index)) {
    fraction += (code - 48) * scale;
    scale /= 10;
  }
  return wholeMs + fraction;
}

export function isoOf(timeMs: number): string {
  return new Date(Math.floor(timeMs)).toISOString();
}
