import { Decimal } from "@nexus/core/money";
import { isBetterPrice, takerFeeAt, type VenueExecutionReport, type VenueOrder } from "@nexus/core/routing";
import type { Cache } from "@nexus/platform/cache";
import { cacheQuoteStore, type QuoteStore } from "./quote-store";
import type { GatewayVenue, VenueGateway } from "./venue-gateway";

const ZERO = new Decimal(0);

/**
 * Paper trading against the shared venue quotes (quote-store.ts), for the embedded demo and the benchmarks, where no venue session
 * exists: an IOC child order takes the venue's cached top of book up to its size and limit, paying the
 * venue's taker fee, and the rest is cancelled. A dark pool shows no quote, so its orders find no match
 * here. Nothing rests, so a cancel finds nothing.
 */
export function createPaperVenueGateway(quotes: Cache | QuoteStore): VenueGateway {
  const store = "read" in quotes ? quotes : cacheQuoteStore(quotes);
  return {
    async submitOrder(venue: GatewayVenue, order: VenueOrder): Promise<VenueExecutionReport> {
      const [quote] = await store.read(order.symbol, [venue.venueId]);
      const buy = order.side === "buy";
      const price = quote === undefined ? undefined : new Decimal(buy ? quote.askPrice : quote.bidPrice);
      const size = quote === undefined ? ZERO : new Decimal(buy ? quote.askSize : quote.bidSize);
      const withinLimit =
        price !== undefined &&
        (order.limitPrice === null || !isBetterPrice(order.side, order.limitPrice, price));
      const filled = withinLimit ? Decimal.min(size, order.quantity) : ZERO;
      const feePerShare = price === undefined ? ZERO : takerFeeAt(venue.feeSchedule, price);
      const executed = price !== undefined && !filled.isZero();
      return {
        venueId: venue.venueId,
        orderId: order.orderId,
        status: filled.eq(order.quantity) ? "filled" : executed ? "partially_filled" : "cancelled",
        fills: executed ? [{ price, quantity: filled, feePerShare, liquidity: "removed" }] : [],
        filledQuantity: filled,
        openQuantity: ZERO,
        averagePrice: executed ? price : null,
        fee: filled.times(feePerShare),
      };
    },
    cancelOrder(venue: GatewayVenue, orderId: string) {
      return Promise.resolve({ venueId: venue.venueId, orderId, cancelled: false, reason: "nothing rests" });
    },
  };
}
