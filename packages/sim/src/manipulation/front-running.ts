import type { AgentMarket, SimulatedUser } from "../agents/agent.js";
import { sendAgencyBlock } from "../agents/agency-block.js";
import type { BlockDesk } from "../agents/agency-block.js";
import {
  behind,
  oppositeSide,
  randomSide,
  shares,
  through,
  touchTicks,
  uniform,
} from "../agents/book-moves.js";
import type { Episode } from "./episode.js";
import type { Injector } from "./manipulator-agent.js";

/**
 * Front running of a block (FINRA Rule 5270; NASD IM-2110-3 before it): someone who knows a client's
 * block is imminent - the firm's proprietary trader or a person the desk tipped - takes a position on
 * the block's side 0.5-20 s before the desk sends it, then unwinds at the price the block pushed to:
 * either an exit resting a few ticks away that the block itself lifts (selling to the client), or an
 * exit into the block's remainder after it.
 */
export function frontRunningInjector(
  frontRunners: readonly SimulatedUser[],
  desks: readonly BlockDesk[],
): Injector {
  return {
    type: "front_running",
    maxEpisodeMs: 60_000,
    pickUser: (market) => market.random.pick(frontRunners),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const side = randomSide(random);
      const exitSide = oppositeSide(side);
      const farTouch = touchTicks(market, exitSide);
      if (farTouch === undefined) {
        episode.abandon();
        return;
      }
      const principal = { user, capacity: "principal" as const };
      const entry = episode.submit({
        ...principal,
        side,
        quantity: shares(market.typicalSize * uniform(random, 1, 4)),
        priceTicks: through(side, farTouch, random.intBetween(0, 1)),
        timeInForce: "ioc",
      });
      if (entry.filledQuantity === 0) {
        episode.abandon();
        return;
      }
      const position = entry.filledQuantity;
      let exitId: string | undefined;
      const leadMs = uniform(random, 2_500, 20_000);
      // Half of them rest the exit a few ticks away just before the block goes, for the block to lift.
      if (random.chance(0.5))
        market.after(leadMs - uniform(random, 50, 1_000), () => {
          const touch = touchTicks(market, exitSide) ?? farTouch;
          exitId = episode.submit({
            ...principal,
            side: exitSide,
            quantity: position,
            priceTicks: behind(exitSide, touch, random.intBetween(1, 3)),
            timeInForce: "day",
          }).orderId;
        });

      const unwindRest = (): void => {
        const open = exitId === undefined ? position : market.openQuantity(exitId);
        const touch = touchTicks(market, side);
        if (open > 0 && touch !== undefined) {
          if (exitId === undefined)
            episode.submit({
              ...principal,
              side: exitSide,
              quantity: open,
              priceTicks: touch,
              timeInForce: "ioc",
            });
          else episode.modify(exitId, touch, open);
        }
        if (exitId !== undefined && market.openQuantity(exitId) > 0) episode.cancel(exitId);
        episode.finish();
      };

      market.after(leadMs, () => {
        episode.includeOrder(sendAgencyBlock(market, random.pick(desks), side).orderId);
        market.after(uniform(random, 200, 10_000), unwindRest);
      });
    },
  };
}
