import type { AgentMarket, SimulatedUser } from "../agents/agent.js";
import { oppositeSide, randomSide, shares, through, touchTicks, uniform } from "../agents/book-moves.js";
import type { Episode } from "./episode.js";
import type { Injector } from "./manipulator-agent.js";

/**
 * Momentum ignition as the SEC's Concept Release on Equity Market Structure (34-61358, 2010, s.IV.B.2)
 * describes it: a burst of aggressive orders meant to ignite a rapid price move, taking out several
 * levels in a second or two, then trading the other way at the moved price as others (here, market
 * makers leaning on the flow's impact, see symbol-market.ts) chase it. The exit rests at the moved
 * price for a few seconds; what is left is then sold (bought) at the market.
 */
const BURST_MS = 2_000;

export function momentumInjector(users: readonly SimulatedUser[]): Injector {
  return {
    type: "momentum",
    maxEpisodeMs: 60_000,
    pickUser: (market) => market.random.pick(users),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const side = randomSide(random);
      const exitSide = oppositeSide(side);
      const bursts = random.intBetween(3, 8);
      let position = 0;
      let movedTicks: number | undefined;
      // The ignition is a burst: orders keep going for at most BURST_MS, whatever the book does.
      const burstEndsAt = Date.parse(market.occurredAt) + BURST_MS;

      const aggress = (index: number): void => {
        if (index >= bursts || Date.parse(market.occurredAt) > burstEndsAt) {
          market.after(uniform(random, 500, 8_000), exit);
          return;
        }
        const farTouch = touchTicks(market, exitSide);
        if (farTouch === undefined) {
          // Swept the side bare: the next order goes as soon as someone quotes again.
          market.after(uniform(random, 20, 200), () => aggress(index));
          return;
        }
        // Takes the whole level at the touch and reaches a tick or three further.
        const limitTicks = through(side, farTouch, random.intBetween(1, 3));
        const quantity = shares(
          Math.max(market.displayedSize(exitSide, farTouch), market.typicalSize) * uniform(random, 1, 1.8),
        );
        const result = episode.submit({
          user,
          side,
          quantity,
          priceTicks: limitTicks,
          capacity: "principal",
          timeInForce: "ioc",
        });
        position += result.filledQuantity;
        if (result.filledQuantity > 0) movedTicks = limitTicks;
        market.after(uniform(random, 20, 400), () => aggress(index + 1));
      };

      const exit = (): void => {
        if (position === 0 || movedTicks === undefined) {
          episode.finish();
          return;
        }
        const exitOrder = episode.submit({
          user,
          side: exitSide,
          quantity: position,
          priceTicks: movedTicks,
          capacity: "principal",
          timeInForce: "day",
        });
        market.after(uniform(random, 2_000, 6_000), () => {
          const open = market.openQuantity(exitOrder.orderId);
          const touch = touchTicks(market, side);
          if (open > 0 && touch !== undefined) episode.modify(exitOrder.orderId, touch, open);
          if (market.openQuantity(exitOrder.orderId) > 0) episode.cancel(exitOrder.orderId);
          episode.finish();
        });
      };

      aggress(0);
    },
  };
}
