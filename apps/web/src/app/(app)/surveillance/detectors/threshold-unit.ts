/**
 * The unit of a detector threshold, read from its name as core's THRESHOLD_DEFAULTS spells them
 * (durations end in Ms or Seconds, distances in Bps, shares of a whole in Ratio/Fraction/Captured,
 * multiples are "XVsY" or "XToY"); the rest are counts, quantities or notionals.
 */
export function thresholdUnit(key: string): string {
  if (key.endsWith("Ms")) return "ms";
  if (key.endsWith("Seconds")) return "s";
  if (key.endsWith("Bps")) return "bps";
  if (/(Ratio|Fraction|Captured)$/.test(key)) return "fraction (0–1)";
  if (/Vs[A-Z]|To[A-Z]/.test(key)) return "× (multiple)";
  if (key.endsWith("PerSecond")) return "per second";
  if (key.endsWith("Notional")) return "currency";
  if (key.endsWith("Quantity")) return "shares";
  return "count";
}
