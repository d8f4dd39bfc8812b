import type { Side } from "@nexus/core/events";
import type { AgentMarket } from "../agents/agent";
import { oppositeSide, randomSide, sideWithRoom, touchTicks } from "../agents/book-moves";

/**
 * Where an episode can start, shared by the manipulators that need the same market conditions. Each
 * returns undefined when the book does not offer them (the injector then abandons the episode).
 */

/**
 * Spoofing and layering: a genuine order on a side chosen at random, non-bona fide pressure on the
 * other side, leaning on that side's touch. Both sides must be quoted: pressure on an empty book has
 * nothing to weigh against, and a genuine order into an empty side cannot trade.
 */
export function pressureOpening(
  market: AgentMarket,
): { genuineSide: Side; pressureSide: Side; pressureTouch: number } | undefined {
  const genuineSide = randomSide(market.random);
  const pressureSide = oppositeSide(genuineSide);
  const pressureTouch = touchTicks(market, pressureSide);
  if (pressureTouch === undefined || touchTicks(market, genuineSide) === undefined) return undefined;
  return { genuineSide, pressureSide, pressureTouch };
}

/**
 * Momentum ignition and front running: a direction with `roomTicks` left inside the day's real range
 * (the replay never trades outside it), and the far touch an aggressive order that way takes.
 */
export function directionalOpening(
  market: AgentMarket,
  roomTicks: number,
): { side: Side; exitSide: Side; farTouch: number } | undefined {
  const side = sideWithRoom(market, roomTicks);
  if (side === undefined) return undefined;
  const exitSide = oppositeSide(side);
  const farTouch = touchTicks(market, exitSide);
  if (farTouch === undefined) return undefined;
  return { side, exitSide, farTouch };
}
