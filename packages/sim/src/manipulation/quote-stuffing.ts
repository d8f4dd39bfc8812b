import type { AgentMarket, SimulatedUser } from "../agents/agent";
import { behind, randomSide, shares, uniform } from "../agents/book-moves";
import type { Episode } from "./episode";
import type { Injector } from "./manipulator-agent";

/**
 * Quote stuffing as measured by Egginton, Van Ness & Van Ness ("Quote Stuffing", Financial Management
 * 2016) and described in the SEC's 2010 Concept Release on Equity Market Structure: micro-bursts of
 * hundreds of order messages in a single millisecond - orders entered and cancelled at once, a few ticks
 * off the touch so that they never trade - repeated over a few seconds to congest the feed.
 */
export function quoteStuffingInjector(users: readonly SimulatedUser[]): Injector {
  return {
    type: "quote_stuffing",
    maxEpisodeMs: 30_000,
    pickUser: (market) => market.random.pick(users),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const bursts = random.intBetween(3, 12);
      const burst = (index: number): void => {
        if (index >= bursts) {
          episode.finish();
          return;
        }
        // 40-200 enter/cancel pairs within this one millisecond: 80-400 messages, off both touches.
        const pairs = random.intBetween(40, 200);
        const bid = market.bestBidTicks();
        const ask = market.bestAskTicks();
        if (bid === undefined || ask === undefined) {
          // A side of the book is empty for a moment: the burst goes once both touches are back.
          market.after(uniform(random, 20, 200), () => burst(index));
          return;
        }
        for (let pair = 0; pair < pairs; pair++) {
          const side = randomSide(random);
          const touch = side === "buy" ? bid : ask;
          const order = episode.submit({
            user,
            side,
            quantity: shares(Math.max(1, market.typicalSize * uniform(random, 0.05, 0.5))),
            priceTicks: behind(side, touch, random.intBetween(1, 5)),
            capacity: "principal",
            timeInForce: "day",
          });
          episode.cancel(order.orderId);
        }
        market.after(uniform(random, 50, 1_500), () => burst(index + 1));
      };
      burst(0);
    },
  };
}
