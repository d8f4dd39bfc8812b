import type { AgentMarket, SimulatedUser } from "../agents/agent";
import { basisPointTicks, behind, shares, uniform } from "../agents/book-moves";
import type { Episode } from "./episode";
import { pressureOpening } from "./openings";
import { workGenuineOrder } from "./genuine-order";
import type { Injector } from "./manipulator-agent";

/**
 * Layering as described in SEC v. Hold Brothers On-Line (2012), In re Biremis Corp. (SEC 2012), FINRA v.
 * Trillium Brokerage (2010) and SEC v. Lek Securities / Avalon FA (2017): several non-bona fide orders
 * stacked on one side at successive price levels behind the best price, entered within a short span
 * (an algorithm: 5-150 ms apart), an execution on the other side that the apparent pressure helps
 * (0.1-1.5 s later), and then every layer cancelled in a burst 0.05-1 s after it; in half the episodes
 * the stack is topped up with its last 1-2 levels 20-500 ms after the execution, just before the pull
 * (the independent evaluation's flow, issue 10). Avalon's layering loops and Biremis' and Hold Brothers'
 * traders completed place-execute-cancel within seconds, which these ranges stay inside.
 */
export function layeringInjector(users: readonly SimulatedUser[]): Injector {
  return {
    type: "layering",
    maxEpisodeMs: 60_000,
    pickUser: (market) => market.random.pick(users),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const opening = pressureOpening(market);
      if (opening === undefined) {
        episode.abandon();
        return;
      }
      const { genuineSide, pressureSide: layerSide, pressureTouch: layerTouch } = opening;
      const levels = random.intBetween(3, 6);
      const step = basisPointTicks(market);
      const spacing = step * random.intBetween(1, 2);
      // Far enough back (2-4 bp) that the quotes' short-term wander rarely reaches them before the cancel.
      const firstLevel = behind(layerSide, layerTouch, step * random.intBetween(2, 4));
      const { lowTicks, highTicks } = market.day;
      // Levels past the day's range would collapse onto its edge: such an episode is not started.
      const layerPrices = Array.from({ length: levels }, (_, index) =>
        behind(layerSide, firstLevel, index * spacing),
      ).filter((priceTicks) => priceTicks >= lowTicks && priceTicks <= highTicks);
      if (layerPrices.length < 3) {
        episode.abandon();
        return;
      }
      const layerIds: string[] = [];
      // Half the stacks are topped up once the genuine order has traded: the last 1-2 levels go in
      // after the fill, just before the whole stack is pulled (as in the independent evaluation's flow).
      const lateLayers = random.chance(0.5) ? random.intBetween(1, Math.min(2, layerPrices.length - 2)) : 0;
      const earlyLayers = layerPrices.length - lateLayers;
      /** Places the layers from `index` up to (not including) `end`, 5-150 ms apart, then `then`. */
      const placeLayers = (index: number, end: number, then: () => void): void => {
        const priceTicks = layerPrices[index];
        if (priceTicks === undefined || index >= end) {
          then();
          return;
        }
        const result = episode.submit({
          user,
          side: layerSide,
          quantity: shares(market.typicalSize * uniform(random, 1, 3)),
          priceTicks,
          capacity: "principal",
          timeInForce: "day",
        });
        layerIds.push(result.orderId);
        market.after(uniform(random, 5, 150), () => placeLayers(index + 1, end, then));
      };
      // Without the execution the layers were for there is nothing to label (see spoofing.ts).
      const cancelLayers = (index: number, traded: boolean): void => {
        const orderId = layerIds[index];
        if (orderId === undefined) {
          if (traded) episode.finish();
          else episode.abandon();
          return;
        }
        episode.cancel(orderId);
        // A mass cancel: the layers go within a few ms of each other.
        market.after(uniform(random, 0, 5), () => cancelLayers(index + 1, traded));
      };
      const workGenuine = (): void =>
        workGenuineOrder(
          market,
          episode,
          {
            user,
            side: genuineSide,
            quantity: shares(market.typicalSize * uniform(random, 0.5, 1.5)),
            passive: random.chance(0.3),
            waitMs: uniform(random, 500, 2_000),
            ownOppositeTicks: firstLevel,
          },
          (traded) => {
            const pull = (): void => market.after(uniform(random, 50, 1_000), () => cancelLayers(0, traded));
            if (!traded || lateLayers === 0) pull();
            else
              market.after(uniform(random, 20, 500), () =>
                placeLayers(earlyLayers, layerPrices.length, pull),
              );
          },
        );
      placeLayers(0, earlyLayers, () => market.after(uniform(random, 100, 1_500), workGenuine));
    },
  };
}
