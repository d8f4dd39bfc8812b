import { Decimal } from "../money";
import { MatchingEngine } from "./matching-engine";
import type { MatchingEngineOptions, NewOrder } from "./types";

/** Shared by the matching tests: an engine with a counting clock and counting UUIDs, and order builders. */

const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** The order id of order number n (tests name orders by small numbers). */
export const orderId = (n: number) => uuid("0fde0000", n);
export const ALICE = uuid("a11ce000", 1);
export const BOB = uuid("b0b00000", 2);
export const CAROL = uuid("ca201000", 3);

export const START = Date.parse("2026-11-24T14:30:00.000Z");

export function testEngine(options: Partial<MatchingEngineOptions> = {}): MatchingEngine {
  let millis = START;
  let ids = 0;
  return new MatchingEngine({
    venueId: "NEXUS-INTERNAL",
    now: () => millis++,
    newId: () => uuid("e0e00000", ++ids),
    ...options,
  });
}

export function limit(
  n: number,
  side: "buy" | "sell",
  quantity: string | number,
  price: string,
  extra: Partial<NewOrder> = {},
): NewOrder {
  return {
    orderId: orderId(n),
    // Buyers and sellers are different people unless a test says otherwise (self-trade tests).
    userId: side === "buy" ? BOB : CAROL,
    symbol: "AAPL",
    side,
    orderType: "limit",
    price: new Decimal(price),
    quantity: new Decimal(quantity),
    timeInForce: "day",
    ...extra,
  };
}

export function market(
  n: number,
  side: "buy" | "sell",
  quantity: string | number,
  extra: Partial<NewOrder> = {},
): NewOrder {
  return { ...limit(n, side, quantity, "1", extra), orderType: "market", price: null, ...extra };
}

/** The book as [price, quantity, orders] strings per side, best first: compact to assert on. */
export function bookOf(engine: MatchingEngine, symbol = "AAPL"): { bids: string[]; asks: string[] } {
  const { bids, asks } = engine.depth(symbol, 100);
  const text = (level: { price: Decimal; quantity: Decimal; orders: number }) =>
    `${level.quantity.toFixed()}@${level.price.toFixed()}x${level.orders}`;
  return { bids: bids.map(text), asks: asks.map(text) };
}
