import type { Side } from "@nexus/core/events";
import type { Agent, AgentMarket, SimulatedUser } from "./agent";

/**
 * Quotes one bid and one offer around fair value and keeps moving them: most actions re-price a quote
 * (order.modified) or pull and re-enter it (order.cancelled + order.created), as electronic market makers
 * do; quote-to-trade ratios of tens to one are normal for them, which surveillance must not mistake
 * for spoofing.
 */
export class MarketMakerAgent implements Agent {
  private readonly quoteIds: Record<Side, string | undefined> = { buy: undefined, sell: undefined };

  constructor(
    readonly symbol: string,
    private readonly user: SimulatedUser,
    readonly activityWeight: number,
    /** Half the quoted spread in basis points of price. */
    private readonly halfSpreadBps: number,
  ) {}

  startDay(): void {
    this.quoteIds.buy = undefined;
    this.quoteIds.sell = undefined;
  }

  act(market: AgentMarket): void {
    const halfSpread = Math.max(1, Math.round((market.fairValueTicks * this.halfSpreadBps) / 10_000));
    const skew = Math.round(market.random.gaussian() * halfSpread * 0.3);
    const side: Side = market.random.chance(0.5) ? "buy" : "sell";
    const price =
      side === "buy" ? market.fairValueTicks - halfSpread + skew : market.fairValueTicks + halfSpread + skew;
    const size = Math.max(1, Math.round(market.typicalSize * (0.5 + market.random.next() * 2)));
    const quoteId = this.quoteIds[side];

    if (quoteId === undefined || market.openQuantity(quoteId) === 0) {
      this.quoteIds[side] = this.enter(market, side, price, size);
    } else if (market.random.chance(0.7)) {
      market.modify(quoteId, price, size);
    } else {
      market.cancel(quoteId);
      this.quoteIds[side] = this.enter(market, side, price, size);
    }
  }

  private enter(market: AgentMarket, side: Side, priceTicks: number, quantity: number): string | undefined {
    const result = market.submit({
      user: this.user,
      side,
      priceTicks,
      quantity,
      capacity: "principal",
      timeInForce: "day",
    });
    return result.restingQuantity > 0 ? result.orderId : undefined;
  }
}
