import type { Side } from "@nexus/core/events";
import type { AgentMarket, SimulatedUser, SubmitResult } from "./agent";
import { basisPointTicks, oppositeSide, shares, through, touchTicks, uniform } from "./book-moves";

/**
 * FINRA Rule 5270 Supplementary Material .03: a block is generally an order of 10,000 shares or more,
 * or a smaller order of large value; here at least 10,000 shares and 6-20x the symbol's typical order.
 */
export const BLOCK_MIN_SHARES = 10_000;

export interface BlockDesk {
  user: SimulatedUser;
  clientAccountIds: readonly string[];
}

/** The desk's id in the reference data the simulator gives surveillance. */
export function deskIdOf(desk: BlockDesk): string {
  return `DESK-${desk.user.userId.slice(0, 8)}`;
}

/**
 * A client's block sent by an agency desk as a marketable limit 5-20 bp through the touch: it takes
 * several levels and the rest waits in the book at its limit, which is what makes advance knowledge of it
 * worth something.
 */
export function sendAgencyBlock(market: AgentMarket, desk: BlockDesk, side: Side): SubmitResult {
  const { random } = market;
  const farTouch = touchTicks(market, oppositeSide(side)) ?? market.fairValueTicks;
  return market.submit({
    user: desk.user,
    accountId: random.pick(desk.clientAccountIds),
    side,
    quantity: shares(Math.max(BLOCK_MIN_SHARES, market.typicalSize * uniform(random, 6, 20))),
    // Willing to pay 5-20 bp (at least 3 ticks) through the touch for size now.
    priceTicks: through(
      side,
      farTouch,
      Math.max(3, Math.round(basisPointTicks(market) * uniform(random, 5, 20))),
    ),
    capacity: "agency",
    timeInForce: "day",
  });
}
