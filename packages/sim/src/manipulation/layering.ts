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
 * (0.1-1.5 s later), and then every layer cancelled in a burst 0.05-1 s after it.
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
      const placeLayer = (index: number): void => {
        const priceTicks = layerPrices[index];
        if (priceTicks === undefined) {
          market.after(uniform(random, 100, 1_500), workGenuine);
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
        market.after(uniform(random, 5, 150), () => placeLayer(index + 1));
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
          (traded) => market.after(uniform(random, 50, 1_000), () => cancelLayers(0, traded)),
        );
      placeLayer(0);
    },
  };
}
