import type { AgentMarket, SimulatedUser } from "../agents/agent";
import { sendAgencyBlock } from "../agents/agency-block";
import type { BlockDesk } from "../agents/agency-block";
import {
  basisPointTicks,
  behind,
  moreAggressive,
  shares,
  through,
  touchTicks,
  uniform,
} from "../agents/book-moves";
import type { Episode } from "./episode";
import { directionalOpening } from "./openings";
import type { Injector } from "./manipulator-agent";

/** A principal trader and the desk whose blocks it trades ahead of. */
export interface DeskTrader {
  user: SimulatedUser;
  desk: BlockDesk;
}

/**
 * Front running of a block (FINRA Rule 5270; NASD IM-2110-3 before it): the firm's proprietary trader,
 * who knows the desk's client block is imminent, takes a position on the block's side 1-10 s before the
 * desk sends it, then unwinds at the price the block pushed to, 2-5 bp better than the entry: either an
 * exit resting there that the block itself lifts (selling to the client), or an exit into the block's
 * remainder after it; what is still open 5-15 s after the block is closed at the touch. (FINRA's 5270
 * actions concern a firm's own traders ahead of its customers' blocks, minutes to seconds ahead, and the
 * position closed against the block's price move.) Run for a trader of another desk, it is the benign
 * look-alike: the same trades, with no way of knowing of the block (see look-alikes.ts).
 */
export function frontRunningInjector(frontRunners: readonly DeskTrader[]): Injector {
  const deskOf = new Map(frontRunners.map(({ user, desk }) => [user.userId, desk]));
  return {
    type: "front_running",
    maxEpisodeMs: 60_000,
    pickUser: (market) => market.random.pick(frontRunners).user,
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const desk = deskOf.get(user.userId);
      if (desk === undefined) throw new Error(`front running: ${user.userId} trades ahead of no desk`);
      // The block has to have somewhere to push the price (20 bp, at least 3 ticks).
      const opening = directionalOpening(market, Math.max(3, Math.round(market.fairValueTicks / 500)));
      if (opening === undefined) {
        episode.abandon();
        return;
      }
      const { side, exitSide, farTouch } = opening;
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
      const entryTicks = through(side, farTouch, 1);
      // The exit asks a profit: 2-5 bp (at least a tick) better than the entry's limit.
      const targetTicks = behind(exitSide, entryTicks, basisPointTicks(market) * random.intBetween(2, 5));
      let exitId: string | undefined;
      const placeExit = (): void => {
        const result = episode.submit({
          ...principal,
          side: exitSide,
          quantity: position,
          // A limit at the target: it trades at once if the market is already there, else it waits.
          priceTicks: targetTicks,
          timeInForce: "day",
        });
        exitId = result.restingQuantity > 0 ? result.orderId : undefined;
      };
      const leadMs = uniform(random, 1_000, 10_000);
      // Half rest the exit at the target just before the block goes, for the block to lift; the others
      // sell (buy) into the block's remainder right after it.
      let exitAhead = random.chance(0.5);
      if (exitAhead)
        market.after(leadMs - uniform(random, 20, 300), () => {
          // The market already at the target: no need to sell before the block, so wait for it.
          const touch = touchTicks(market, side);
          if (touch !== undefined && !moreAggressive(side, targetTicks, touch)) exitAhead = false;
          else placeExit();
        });
      // Still open a few seconds on: out at the touch, profit or not.
      const flatten = (): void => {
        const touch = touchTicks(market, side);
        const open = exitId === undefined ? 0 : market.openQuantity(exitId);
        if (exitId !== undefined && open > 0 && touch !== undefined) episode.modify(exitId, touch, open);
        if (exitId !== undefined && market.openQuantity(exitId) > 0) episode.cancel(exitId);
        episode.finish();
      };
      market.after(leadMs, () => {
        episode.includeOrder(sendAgencyBlock(market, desk, side).orderId);
        if (!exitAhead) market.after(uniform(random, 200, 3_000), placeExit);
        market.after(uniform(random, 5_000, 15_000), flatten);
      });
    },
  };
}
