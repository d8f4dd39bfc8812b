import type { Side } from "@nexus/core/events";
import type { AgentMarket, SimulatedUser } from "../agents/agent";
import { oppositeSide, randomSide, shares, uniform } from "../agents/book-moves";
import type { Episode } from "./episode";
import type { Injector } from "./manipulator-agent";

/** One side of a wash print: who trades and for which account (undefined: the user's own). */
export interface WashTrader {
  user: SimulatedUser;
  accountId: string | undefined;
}

/**
 * A wash trader and who takes the other side of the prints:
 * - "self": the same user on both sides, with the venue's self-trade prevention waived, sometimes
 *   through two of the user's own accounts (Exchange Act s.9(a)(1) "wash sale": no change in beneficial
 *   ownership; FINRA Rule 5210 Supplementary Material .02 on self-trades);
 * - "linked": a second user on an account linked to the first (common control, e.g. a nominee or a
 *   family account), the case of most CFTC/FINRA wash trade actions;
 * - "colluding": an accomplice whose link is unknown to the firm, so the prints show as round trips
 *   (buy q, sell q back at about the same price, net position unchanged): s.9(a)(1) "matched orders".
 */
export interface WashRing {
  kind: "self" | "linked" | "colluding";
  trader: WashTrader;
  other: WashTrader;
}

/**
 * Wash trading to paint volume: 2-6 prints between the ring's two sides within about a minute, each a
 * resting order inside the spread (so no one else is at that price) crossed 1-100 ms later by the
 * other side, alternating direction so that neither position changes.
 */
export function washTradingInjector(rings: readonly WashRing[]): Injector {
  const ringOf = new Map(rings.map((ring) => [ring.trader.user.userId, ring]));
  return {
    type: "wash_trading",
    maxEpisodeMs: 120_000,
    pickUser: (market) => market.random.pick(rings).trader.user,
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const ring = ringOf.get(user.userId);
      if (ring === undefined) throw new Error(`wash trading: ${user.userId} is in no ring`);
      episode.includeCounterparty(ring.other.user.userId);
      // An even number of prints, alternating direction: both positions end where they started.
      const prints = 2 * random.intBetween(1, 3);
      const quantity = shares(market.typicalSize * uniform(random, 1, 4));
      let traderSide = randomSide(random);
      let printed = 0;
      let attempts = 0;

      const next = (): void => {
        if (printed >= prints || attempts >= 12) {
          episode.finish();
          return;
        }
        attempts++;
        const bid = market.bestBidTicks();
        const ask = market.bestAskTicks();
        // Needs a price inside the spread, where no one else's order is: wait for a wider spread.
        if (bid === undefined || ask === undefined || ask - bid < 2) {
          market.after(uniform(random, 500, 3_000), next);
          return;
        }
        const priceTicks = random.intBetween(bid + 1, ask - 1);
        // Either side may rest first; the trader buys and sells in turn.
        const traderRests = random.chance(0.5);
        const [resting, crossing] = traderRests ? [ring.trader, ring.other] : [ring.other, ring.trader];
        const restingSide: Side = traderRests ? traderSide : oppositeSide(traderSide);
        traderSide = oppositeSide(traderSide);
        const restingOrder = episode.submit({
          user: resting.user,
          ...(resting.accountId === undefined ? {} : { accountId: resting.accountId }),
          side: restingSide,
          quantity,
          priceTicks,
          capacity: "principal",
          timeInForce: "day",
        });
        market.after(uniform(random, 1, 100), () => {
          const open = market.openQuantity(restingOrder.orderId);
          if (open > 0) {
            episode.submit({
              user: crossing.user,
              ...(crossing.accountId === undefined ? {} : { accountId: crossing.accountId }),
              side: oppositeSide(restingSide),
              quantity: open,
              priceTicks,
              capacity: "principal",
              timeInForce: "ioc",
              selfTradePrevention: false,
            });
            episode.cancel(restingOrder.orderId);
            printed++;
          }
          market.after(uniform(random, 1_000, 10_000), next);
        });
      };
      next();
    },
  };
}
