/**
 * Checks of the arguments the calculators share. Each returns the refusal that names the field (or the
 * symbols) at fault, or undefined when the argument is fine, so a calculator chains them with `??` and
 * answers with the module's usual outcome instead of computing a NaN or throwing (issue 14).
 */
import type { InvalidInput, PriceHistory, UnknownSymbol } from "./types";
import { invalidInput } from "./types";

/** `lookbackDays`: a whole number of trading dates, at least one. */
export function checkLookback(lookbackDays: number | undefined): InvalidInput | undefined {
  return lookbackDays === undefined || (Number.isInteger(lookbackDays) && lookbackDays >= 1)
    ? undefined
    : invalidInput("lookbackDays", `must be a whole number of trading days >= 1, got ${lookbackDays}`);
}

/** A calendar date YYYY-MM-DD that exists (the history's dates compare as strings, so "today" would not). */
export function checkDate(field: string, date: string | undefined): InvalidInput | undefined {
  if (date === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date)
    ? undefined
    : invalidInput(field, `must be a date YYYY-MM-DD, got "${date}"`);
}

/**
 * Symbols the history has no series for: a position in one would otherwise leave a risk window without a
 * single clean day ("needs 30, has 0") or sit out of every portfolio return unnoticed.
 */
export function checkKnownSymbols(
  history: PriceHistory,
  symbols: readonly string[],
  field: string,
): UnknownSymbol | undefined {
  const unknown = symbols.filter((symbol) => !history.closes.has(symbol));
  if (unknown.length === 0) return undefined;
  return {
    kind: "unknown_symbol",
    field,
    symbols: unknown,
    message: `${field}: no price history for ${unknown.join(", ")}`,
  };
}

/**
 * A series of period returns: each finite and at least -1 (a total loss), or NaN for a missing period.
 * +Infinity or a fall below -100 % would otherwise compound into a meaningless (or negative) wealth.
 */
export function checkPeriodReturns(field: string, returns: Float64Array): InvalidInput | undefined {
  const bad = returns.findIndex((r) => !Number.isNaN(r) && !(Number.isFinite(r) && r >= -1));
  return bad < 0
    ? undefined
    : invalidInput(
        field,
        `period ${bad} is ${returns[bad]}; a return must be finite and at least -1 (-100 %), NaN for a missing period`,
      );
}
