import type { Side } from "@nexus/core/events";
import type { AgentMarket, SimulatedUser } from "../agents/agent";
import { moreAggressive, oppositeSide, touchTicks, uniform } from "../agents/book-moves";
import type { Episode } from "./episode";

/** How many times (200-600 ms apart) the genuine order looks for someone else's price to trade at. */
const CROSSING_ATTEMPTS = 15;

export interface GenuineOrderPlan {
  user: SimulatedUser;
  side: Side;
  quantity: number;
  /**
   * true: rest at the own-side touch and wait up to waitMs for someone to trade with it (Coscia's small
   * order at the best price); false: take liquidity at once (the "flip" of CFTC v. Oystacher, 2015).
   */
  passive: boolean;
  waitMs: number;
  /** The most aggressive price of the episode's own orders on the other side: never trade at or through it. */
  ownOppositeTicks: number;
}

/**
 * The bona fide order of a spoofing or layering episode, the one the non-bona fide orders are there to
 * help fill. Calls `done` once, with whether it traded, once it did or (now and then) could not; an
 * unfilled remainder is cancelled then, as the trader moves on.
 */
export function workGenuineOrder(
  market: AgentMarket,
  episode: Episode,
  plan: GenuineOrderPlan,
  done: (traded: boolean) => void,
): void {
  let finished = false;
  let orderId: string | undefined = undefined;
  const finish = (traded: boolean): void => {
    if (finished) return;
    finished = true;
    episode.fillListener = undefined;
    if (orderId !== undefined && market.openQuantity(orderId) > 0) episode.cancel(orderId);
    done(traded);
  };
  // The other side's best price, if someone other than the episode shows it: the genuine order trades
  // there and never at or through the episode's own orders.
  const crossingTicks = (): number | undefined => {
    const touch = touchTicks(market, oppositeSide(plan.side));
    return touch !== undefined && moreAggressive(oppositeSide(plan.side), touch, plan.ownOppositeTicks)
      ? touch
      : undefined;
  };
  // Takes liquidity once the book allows it, looking again every few hundred ms for a while.
  const cross = (attempt: number, trade: (priceTicks: number) => boolean): void => {
    const priceTicks = crossingTicks();
    if (priceTicks !== undefined) finish(trade(priceTicks));
    else if (attempt < CROSSING_ATTEMPTS)
      market.after(uniform(market.random, 200, 600), () => cross(attempt + 1, trade));
    else finish(false);
  };
  const order = { user: plan.user, side: plan.side, quantity: plan.quantity, capacity: "principal" as const };

  if (!plan.passive) {
    cross(0, (priceTicks) => episode.submit({ ...order, priceTicks, timeInForce: "ioc" }).filledQuantity > 0);
    return;
  }
  const ownTouch = touchTicks(market, plan.side);
  if (ownTouch === undefined) {
    finish(false);
    return;
  }
  const result = episode.submit({ ...order, priceTicks: ownTouch, timeInForce: "day" });
  orderId = result.orderId;
  if (result.filledQuantity > 0 || result.restingQuantity === 0) {
    finish(result.filledQuantity > 0);
    return;
  }
  episode.fillListener = (filledId) => {
    if (filledId === orderId) finish(true);
  };
  market.after(plan.waitMs, () => {
    if (finished) return;
    // Not hit in time: re-price across the spread for what is left (a legitimate cancel/replace in itself).
    cross(0, (priceTicks) => {
      const before = market.openQuantity(result.orderId);
      if (before > 0) episode.modify(result.orderId, priceTicks, before);
      // What the re-priced order could not take is pulled rather than left in the book.
      const after = market.openQuantity(result.orderId);
      if (after > 0) episode.cancel(result.orderId);
      return after < before;
    });
  });
}
