import { Decimal, sumDecimals } from "../money";
import { noExposure } from "./types";
import type { NoExposure, PortfolioPosition } from "./types";

/**
 * Positions netted by symbol: the money side (exact Decimal values quantity x price) and the float side
 * the statistics run on, converted once here. A symbol held in several positions (lots, accounts) is one
 * exposure; its value is the exact sum of theirs. A symbol whose lots net to zero value (a closed
 * position) carries no risk and is left out: its missing days would otherwise cost the book clean days.
 */
export interface Exposure {
  symbols: string[];
  values: Decimal[];
  /** The same values as floats, for the statistics. */
  floatValues: Float64Array;
  /** sum of values (net, shorts negative). */
  net: Decimal;
  /** sum of |values|: the base of every fraction (equal to net for a long-only book). */
  gross: Decimal;
}

/** The netted book, or `no_exposure` when nothing is left to measure (no positions, all netted out). */
export function netExposure(positions: readonly PortfolioPosition[]): Exposure | NoExposure {
  const bySymbol = new Map<string, Decimal[]>();
  for (const { symbol, quantity, price } of positions) {
    const values = bySymbol.get(symbol) ?? [];
    values.push(quantity.times(price));
    bySymbol.set(symbol, values);
  }
  const held = [...bySymbol]
    // (One lot, the usual case, is its own sum: decimal.js work is most of a small VaR's cost.)
    .map(([symbol, lots]) => ({
      symbol,
      value: lots.length === 1 ? (lots[0] as Decimal) : sumDecimals(lots),
    }))
    .filter(({ value }) => !value.isZero());
  if (held.length === 0) {
    return noExposure(positions.length);
  }
  const values = held.map(({ value }) => value);
  // Longs and shorts summed apart give both totals from one addition per value: net = long + short,
  // gross = long - short.
  const long = sumDecimals(values.filter((value) => !value.isNeg()));
  const short = sumDecimals(values.filter((value) => value.isNeg()));
  return {
    symbols: held.map(({ symbol }) => symbol),
    values,
    floatValues: Float64Array.from(values, (value) => value.toNumber()),
    net: sumDecimals([long, short]),
    gross: sumDecimals([long, short.neg()]),
  };
}

/** Float statistic -> money at `scale` fraction digits (half-even, the money.ts context). */
export function toMoney(amount: number, scale: number): Decimal {
  return new Decimal(amount).toDecimalPlaces(scale);
}

/**
 * Splits `total` (already at `scale` digits) in proportion to `weights` so that the parts sum to it
 * EXACTLY: each part is floored to the money unit and the units left over go to the largest remainders
 * (Hamilton's method). Weights are normalised by their sum (VaR shares sum to 1); a zero sum splits evenly.
 */
export function allocate(total: Decimal, weights: Float64Array, scale: number): Decimal[] {
  const unit = new Decimal(10).pow(-scale);
  const totalUnits = total.div(unit).toNumber();
  let weightSum = 0;
  for (const w of weights) weightSum += w;
  const n = weights.length;
  const raw = Float64Array.from(weights, (w) =>
    weightSum === 0 ? totalUnits / n : (totalUnits * w) / weightSum,
  );
  const units = raw.map(Math.floor);
  let assigned = 0;
  for (const u of units) assigned += u;
  const order = [...units.keys()].sort(
    (a, b) => (raw[b] as number) - (units[b] as number) - ((raw[a] as number) - (units[a] as number)),
  );
  for (let k = 0; k < totalUnits - assigned; k++) {
    const index = order[k % n] as number;
    units[index] = (units[index] as number) + 1;
  }
  return [...units].map((u) => new Decimal(u).times(unit));
}
