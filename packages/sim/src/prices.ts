import type { Decimal } from "@nexus/core/money";

/**
 * Inside the simulator prices are integer cents ("ticks"): SEC Rule 612 (Reg NMS sub-penny rule) puts
 * quotes of stocks at or above $1.00 on a $0.01 grid, and integer arithmetic on that grid is exact and far
 * faster than Decimal in a loop generating 100k+ events/s. Prices enter as Decimal (daily bars) and leave as
 * decimal strings (events); no binary float ever holds a price.
 */
export const TICKS_PER_UNIT = 100;

/** The lowest tick at or above the price. */
export function ceilTicks(price: Decimal): number {
  return price.times(TICKS_PER_UNIT).ceil().toNumber();
}

/** The highest tick at or below the price. */
export function floorTicks(price: Decimal): number {
  return price.times(TICKS_PER_UNIT).floor().toNumber();
}

/** The nearest tick (half to even, the money Decimal's rounding). */
export function nearestTicks(price: Decimal): number {
  return price.times(TICKS_PER_UNIT).round().toNumber();
}

/** 18925 -> "189.25". */
export function ticksToPriceString(ticks: number): string {
  const whole = Math.floor(ticks / TICKS_PER_UNIT);
  const cents = ticks - whole * TICKS_PER_UNIT;
  return `${whole}.${cents < 10 ? "0" : ""}${cents}`;
}
