/**
 * Choosing the trading day a simulated session replays (`npm start -- --day`, SIM_DAY): only a date of
 * the shipped bars will do, and a person who asks for another is told which dates are near it.
 */

/**
 * Undefined when `day` is one of `dates` (sorted YYYY-MM-DD); otherwise what is wrong, naming the
 * nearest dates on either side and the data's range, e.g. "2016-06-25 is not a trading day of the data
 * (nearest: 2016-06-24, 2016-06-27; data 2012-08-13..2017-08-11)".
 */
export function replayDayProblem(dates: readonly string[], day: string): string | undefined {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return "no trading day in the data";
  const range = `data ${first}..${last}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return `"${day}" is not a date (expected YYYY-MM-DD; ${range})`;
  const after = dates.findIndex((date) => date >= day);
  if (dates[after] === day) return undefined;
  const nearest = [after < 0 ? last : dates[after - 1], after < 0 ? undefined : dates[after]].filter(
    (date): date is string => date !== undefined,
  );
  return `${day} is not a trading day of the data (nearest: ${nearest.join(", ")}; ${range})`;
}

/**
 * Trading days of history a session's day should have before it, for every risk figure of the Portfolio
 * screen: a window of 252 daily returns (VaR, correlations, the factor regression) and, before it, the 253
 * days of momentum's 12-1 month formation (the longest need: VaR's backtest over Basel's 250 days asks
 * 252 + 250 + 1).
 */
export const HISTORY_BEFORE_DEFAULT_DAY = 252 + 253;

/**
 * The day a session replays unless told (`--day`, SIM_DAY): the first of `dates` (sorted) with
 * HISTORY_BEFORE_DEFAULT_DAY trading days before it, so that on the session's day every risk figure has
 * the history it needs (the market data ends the day before the replayed one); the last day when the data
 * is shorter than that.
 */
export function defaultReplayDay(dates: readonly string[]): string | undefined {
  return dates[Math.min(HISTORY_BEFORE_DEFAULT_DAY, dates.length - 1)];
}
