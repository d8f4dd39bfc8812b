import type { AgentMarket, SimulatedUser } from "../agents/agent";
import { basisPointTicks, behind, shares, uniform } from "../agents/book-moves";
import type { Episode } from "./episode";
import { pressureOpening } from "./openings";
import { workGenuineOrder } from "./genuine-order";
import type { Injector } from "./manipulator-agent";

/**
 * Spoofing as in US v. Coscia (N.D. Ill. 2015, aff'd 7th Cir. 2017) and CFTC v. Nav Sarao Futures (2015):
 * a small genuine order on one side, one or two large orders on the other side just behind the touch
 * (2-4 bp: near enough to weigh on the book, far enough not to be hit at once) to make the book look
 * heavy there, and the large orders cancelled 0.05-1.8 s after the genuine order traded (Coscia's were
 * pulled in about 0.4 s). Each large order is >= 2.5x what was displayed at its level and together they
 * are 5-20x the genuine order. The genuine order either waits at the touch (Coscia) or takes liquidity
 * 0.2-1.5 s after the spoof went in (the "flip", CFTC v. Oystacher 2015). Never three or more levels:
 * that is layering. (CFTC v. Nav Sarao Futures, 2015: the non-bona fide orders were several times the
 * size displayed near the touch; the ranges here keep to what the Coscia, Sarao and Oystacher records
 * describe. Their benign look-alikes - orders that rested 2-141 s, agency cancel/replace across
 * clients, self-trade-prevention cancels - are in look-alikes.ts.)
 */
export function spoofingInjector(users: readonly SimulatedUser[]): Injector {
  return {
    type: "spoofing",
    maxEpisodeMs: 60_000,
    pickUser: (market) => market.random.pick(users),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const opening = pressureOpening(market);
      if (opening === undefined) {
        episode.abandon();
        return;
      }
      const { genuineSide, pressureSide: spoofSide, pressureTouch: spoofTouch } = opening;
      const genuineQuantity = shares(market.typicalSize * uniform(random, 0.5, 1.5));
      const spoofTicks = behind(spoofSide, spoofTouch, basisPointTicks(market) * random.intBetween(2, 4));
      // Behind the touch means inside the day's range too: a price clamped onto its edge could land on the
      // touch itself (and the genuine order would then trade into the spoof).
      const { lowTicks, highTicks } = market.day;
      if (spoofTicks - 1 < lowTicks || spoofTicks + 1 > highTicks) {
        episode.abandon();
        return;
      }
      const spoofTotal = genuineQuantity * uniform(random, 5, 20);
      // One large order, or two: the second at the same price or one tick further back (never past the edge).
      const spoofPrices = random.chance(0.6)
        ? [spoofTicks]
        : [spoofTicks, behind(spoofSide, spoofTicks, random.intBetween(0, 1))];
      const spoofIds: string[] = [];
      const placeSpoof = (): void => {
        for (const priceTicks of spoofPrices) {
          const result = episode.submit({
            user,
            side: spoofSide,
            // Each order dwarfs what the book shows at its level when it goes in.
            quantity: shares(
              Math.max(
                spoofTotal / spoofPrices.length,
                market.displayedSize(spoofSide, priceTicks) * uniform(random, 2.5, 4),
              ),
            ),
            priceTicks,
            capacity: "principal",
            timeInForce: "day",
          });
          spoofIds.push(result.orderId);
        }
      };
      // A spoof whose genuine order never traded gained nothing and leaves nothing for the fill-anchored
      // definition to find: pulled, and not labelled.
      const cancelSpoofAfterFill = (traded: boolean): void =>
        market.after(traded ? uniform(random, 50, 1_800) : 0, () => {
          for (const orderId of spoofIds) episode.cancel(orderId);
          if (traded) episode.finish();
          else episode.abandon();
        });
      const genuine = {
        user,
        side: genuineSide,
        quantity: genuineQuantity,
        waitMs: uniform(random, 1_000, 3_000),
        ownOppositeTicks: spoofTicks,
      };

      if (random.chance(0.5)) {
        placeSpoof();
        market.after(uniform(random, 200, 1_500), () =>
          workGenuineOrder(market, episode, { ...genuine, passive: false }, cancelSpoofAfterFill),
        );
        return;
      }
      // Coscia: the small order first, at the best price; the large one(s) a few ms later.
      let genuineDone = false;
      workGenuineOrder(market, episode, { ...genuine, passive: true }, (traded) => {
        genuineDone = true;
        if (spoofIds.length > 0) cancelSpoofAfterFill(traded);
      });
      market.after(uniform(random, 5, 300), () => {
        // Filled before the spoof went in: an ordinary trade, no manipulation to label.
        if (genuineDone) episode.abandon();
        else placeSpoof();
      });
    },
  };
}
