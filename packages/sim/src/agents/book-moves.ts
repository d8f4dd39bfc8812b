import type { Side } from "@nexus/core/events";
import type { AgentMarket } from "./agent";
import type { SeededRandom } from "../random";

/** Small book arithmetic shared by the injectors (prices in integer ticks, see prices.ts). */

export function oppositeSide(side: Side): Side {
  return side === "buy" ? "sell" : "buy";
}

/** The best price on a side: the best bid for buys, the best offer for sells. */
export function touchTicks(market: AgentMarket, side: Side): number | undefined {
  return side === "buy" ? market.bestBidTicks() : market.bestAskTicks();
}

/** A price `ticks` away from `priceTicks` on the passive side (lower for buys, higher for sells). */
export function behind(side: Side, priceTicks: number, ticks: number): number {
  return side === "buy" ? priceTicks - ticks : priceTicks + ticks;
}

/** A price `ticks` through `priceTicks` on the aggressive side (higher for buys, lower for sells). */
export function through(side: Side, priceTicks: number, ticks: number): number {
  return behind(side, priceTicks, -ticks);
}

/** Is `a` a more aggressive price than `b` for an order on `side`? */
export function moreAggressive(side: Side, a: number, b: number): boolean {
  return side === "buy" ? a > b : a < b;
}

/**
 * A price step that means the same in every symbol: one basis point of the fair value in ticks, at least
 * one tick (a cent is 1 bp of a $100 stock but 8 bp of a $13 one).
 */
export function basisPointTicks(market: AgentMarket): number {
  return Math.max(1, Math.round(market.fairValueTicks / 10_000));
}

export function uniform(random: SeededRandom, min: number, max: number): number {
  return min + random.next() * (max - min);
}

/** Share counts as traders send them: round lots once past 100 shares. */
export function shares(quantity: number): number {
  return quantity >= 100 ? Math.round(quantity / 100) * 100 : Math.max(1, Math.round(quantity));
}

export function randomSide(random: SeededRandom): Side {
  return random.chance(0.5) ? "buy" : "sell";
}

/**
 * A side whose direction has at least `ticks` of room before the day's high (buys) or low (sells), at
 * random when both have; undefined when neither has. The replay never trades outside the day's real
 * range, so a move that needs to go somewhere has to go where there is room.
 */
export function sideWithRoom(market: AgentMarket, ticks: number): Side | undefined {
  const roomUp = market.day.highTicks - market.fairValueTicks >= ticks;
  const roomDown = market.fairValueTicks - market.day.lowTicks >= ticks;
  if (roomUp && roomDown) return randomSide(market.random);
  return roomUp ? "buy" : roomDown ? "sell" : undefined;
}
