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
