import type { Decimal } from "../money";
import { decimalToString } from "../money";

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
  /** 10^fractionDigits, and 10^(7 - fractionDigits) (0 when the tick has more than 7 fraction digits). */
  private readonly unitsPerOne: number;
  private readonly fractionWordDivisor: number;
  private readonly prices = new Map<number, GridPrice>();

  constructor(readonly tickSize: Decimal) {
    if (!tickSize.isFinite() || tickSize.lte(0))
      throw new Error(`tick size must be positive, got ${tickSize}`);
    this.fractionDigits = tickSize.decimalPlaces();
    this.tickUnits = Number(tickSize.toFixed(this.fractionDigits).replace(".", ""));
    this.tickText = decimalToString(tickSize);
    this.unitsPerOne = 10 ** this.fractionDigits;
    this.fractionWordDivisor = this.fractionDigits <= 7 ? 10 ** (7 - this.fractionDigits) : 0;
  }

  /** The price in ticks, or the reason it is refused. */
  toTicks(price: Decimal): number | string {
    const units = this.unitsOf(price);
    if (units === undefined) return this.offGrid(price);
    if (!(units > 0)) return `price must be positive, got ${decimalToString(price)}`;
    if (units % this.tickUnits !== 0) return this.offGrid(price);
    const ticks = units / this.tickUnits;
    if (ticks > MAX_PRICE_TICKS) {
      return `price ${decimalToString(price)} is above the engine's maximum of ${MAX_PRICE_TICKS} ticks`;
    }
    return ticks;
  }

  /**
   * The price in units of 10^-fractionDigits, or undefined when it has more fraction digits than that.
   * Exact either way. The fast path reads decimal.js's representation (declared public in decimal.d.ts):
   * sign s, exponent e of the leading digit, digits d in base-1e7 words aligned on the decimal point, so
   * for 1 <= price < 10^7 with at most 7 fraction digits d is [integer part, fraction x 10^7]. It costs
   * ~5 ns where toFixed costs ~350 ns, which matters at 2 us per order. Other prices go the general
   * way: printed with the tick's digits, whose string -> number parse is exact below 2^53 (larger values
   * are refused by the MAX_PRICE_TICKS bound whatever their rounding).
   */
  private unitsOf(price: Decimal): number | undefined {
    const { d, e, s } = price;
    if (s === 1 && e >= 0 && e < 7 && d.length <= 2 && this.fractionWordDivisor > 0) {
      const fraction = d[1] ?? 0;
      if (fraction % this.fractionWordDivisor !== 0) return undefined;
      return (d[0] as number) * this.unitsPerOne + fraction / this.fractionWordDivisor;
    }
    if (price.decimalPlaces() > this.fractionDigits) return undefined;
    return Number(price.toFixed(this.fractionDigits).replace(".", ""));
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
  const shares = integerOf(quantity);
  if (shares === undefined) return `quantity ${decimalToString(quantity)} is not a whole number of shares`;
  if (shares <= 0) return `quantity must be positive, got ${decimalToString(quantity)}`;
  if (shares + alreadyFilled > MAX_ORDER_SHARES) {
    const filled = alreadyFilled > 0 ? ` (plus ${alreadyFilled} filled)` : "";
    return `quantity ${decimalToString(quantity)}${filled} is above the engine's maximum of ${MAX_ORDER_SHARES} shares`;
  }
  return shares;
}

/**
 * The integer value, or undefined for a fraction. Fast path as in TickGrid.unitsOf: a non-negative
 * integer below 10^7 is a single base-1e7 word (decimal.js drops trailing zero words, so one word with
 * 0 <= e < 7 has no fraction).
 */
function integerOf(value: Decimal): number | undefined {
  const { d, e, s } = value;
  if (s === 1 && e >= 0 && e < 7 && d.length === 1) return d[0] as number;
  return value.isInteger() ? Number(value.toFixed()) : undefined;
}
