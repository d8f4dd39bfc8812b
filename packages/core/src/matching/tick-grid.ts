import type { Decimal } from "../money.js";
import { decimalToString } from "../money.js";

/**
 * Bounds that keep every internal integer exact in a double (2^53 ~ 9.007e15): an order's filled notional,
 * kept in ticks x shares for its average price, is at most MAX_ORDER_SHARES x MAX_PRICE_TICKS = 9e15.
 * With the default 0.01 tick that is a $900,000 price (above any US listed share) and 100 million shares.
 */
export const MAX_ORDER_SHARES = 100_000_000;
export const MAX_PRICE_TICKS = 90_000_000;

interface GridPrice {
  decimal: Decimal;
  text: string;
}

/**
 * Decimal prices <-> integer ticks, converted once at the engine's boundary. The book and the matching
 * loop compare and add plain integers; the Decimal and its wire string of each price are built once per
 * distinct tick and cached, since a book keeps quoting the same few hundred prices.
 */
export class TickGrid {
  private readonly fractionDigits: number;
  /** The tick in units of 10^-fractionDigits (0.05 -> 5), so a price is on the grid iff its units divide by it. */
  private readonly tickUnits: number;
  private readonly tickText: string;
  private readonly prices = new Map<number, GridPrice>();

  constructor(readonly tickSize: Decimal) {
    if (!tickSize.isFinite() || tickSize.lte(0))
      throw new Error(`tick size must be positive, got ${tickSize}`);
    this.fractionDigits = tickSize.decimalPlaces();
    this.tickUnits = Number(tickSize.toFixed(this.fractionDigits).replace(".", ""));
    this.tickText = decimalToString(tickSize);
  }

  /**
   * The price in ticks, or the reason it is refused. Exact: a price with no more fraction digits than the
   * tick prints as an integer number of units, and the string -> number parse is exact below 2^53 (larger
   * values are refused by the MAX_PRICE_TICKS bound whatever their rounding).
   */
  toTicks(price: Decimal): number | string {
    if (price.decimalPlaces() > this.fractionDigits) return this.offGrid(price);
    const units = Number(price.toFixed(this.fractionDigits).replace(".", ""));
    if (!(units > 0)) return `price must be positive, got ${decimalToString(price)}`;
    if (units % this.tickUnits !== 0) return this.offGrid(price);
    const ticks = units / this.tickUnits;
    if (ticks > MAX_PRICE_TICKS) {
      return `price ${decimalToString(price)} is above the engine's maximum of ${MAX_PRICE_TICKS} ticks`;
    }
    return ticks;
  }

  price(ticks: number): Decimal {
    return this.gridPrice(ticks).decimal;
  }

  /** The contract's decimal string of the price (plain notation, as money.decimalToString writes it). */
  priceText(ticks: number): string {
    return this.gridPrice(ticks).text;
  }

  /** The volume-weighted price of fills worth notionalTicks (ticks x shares) over shares (> 0). */
  averagePrice(notionalTicks: number, shares: number): Decimal {
    return this.tickSize.times(notionalTicks).div(shares);
  }

  private gridPrice(ticks: number): GridPrice {
    let cached = this.prices.get(ticks);
    if (cached === undefined) {
      const decimal = this.tickSize.times(ticks);
      cached = { decimal, text: decimalToString(decimal) };
      this.prices.set(ticks, cached);
    }
    return cached;
  }

  private offGrid(price: Decimal): string {
    return `price ${decimalToString(price)} is off the ${this.tickText} tick grid`;
  }
}

/**
 * A quantity as whole shares, or the reason it is refused. alreadyFilled counts against the size bound:
 * a modify may raise the open quantity of an order that has filled, and its fills + open must stay bounded.
 */
export function wholeShares(quantity: Decimal, alreadyFilled: number): number | string {
  if (!quantity.isInteger()) return `quantity ${decimalToString(quantity)} is not a whole number of shares`;
  const shares = Number(quantity.toFixed());
  if (shares <= 0) return `quantity must be positive, got ${decimalToString(quantity)}`;
  if (shares + alreadyFilled > MAX_ORDER_SHARES) {
    const filled = alreadyFilled > 0 ? ` (plus ${alreadyFilled} filled)` : "";
    return `quantity ${decimalToString(quantity)}${filled} is above the engine's maximum of ${MAX_ORDER_SHARES} shares`;
  }
  return shares;
}
