import { Decimal } from "@nexus/core/money";
import { ACCESS_FEE_CAP_2024, type VenueOrder } from "@nexus/core/routing";
import { MemoryCache } from "@nexus/platform/cache";
import { describe, expect, it } from "vitest";
import { feeScheduleOf } from "./configured-venue";
import { createPaperVenueGateway } from "./paper-venue-gateway";
import { storeQuote } from "./quote-cache";

const venue = {
  venueId: "XNYS",
  venueType: "exchange" as const,
  feeSchedule: feeScheduleOf({ makerFee: new Decimal("-0.002"), takerFee: new Decimal("0.0008") }),
};

const order = (overrides: Partial<VenueOrder> = {}): VenueOrder => ({
  orderId: "0fde0000-0000-4000-8000-0000000000a1",
  userId: "b0b00000-0000-4000-8000-000000000002",
  symbol: "AAPL",
  side: "buy",
  quantity: new Decimal(100),
  orderType: "limit",
  limitPrice: new Decimal("189.25"),
  timeInForce: "ioc",
  ...overrides,
});

async function gateway() {
  const cache = new MemoryCache();
  await storeQuote(cache, {
    event_id: "5b0b0000-0000-4000-8000-000000000001",
    event_type: "quote",
    occurred_at: "2026-11-24T14:30:00.000Z",
    venue_id: "XNYS",
    symbol: "AAPL",
    bid_price: "189.20",
    bid_size: "60",
    ask_price: "189.25",
    ask_size: "500",
  });
  return createPaperVenueGateway(cache);
}

describe("paper venue gateway", () => {
  it("fills a buy at the cached offer within its limit, paying the taker fee", async () => {
    const report = await (await gateway()).submitOrder(venue, order());
    expect(report.status).toBe("filled");
    expect(report.averagePrice?.toFixed()).toBe("189.25");
    expect(report.fee.toFixed()).toBe("0.08");
  });

  it("fills a sell up to the bid's size and cancels the rest (IOC)", async () => {
    const report = await (await gateway()).submitOrder(venue, order({ side: "sell", limitPrice: null }));
    expect(report.status).toBe("partially_filled");
    expect(report.filledQuantity.toFixed()).toBe("60");
    expect(report.openQuantity.toFixed()).toBe("0");
  });

  it("fills nothing beyond the limit, and nothing without a quote", async () => {
    const paper = await gateway();
    const beyond = await paper.submitOrder(venue, order({ limitPrice: new Decimal("189.24") }));
    expect([beyond.status, beyond.filledQuantity.toFixed(), beyond.averagePrice]).toEqual([
      "cancelled",
      "0",
      null,
    ]);
    const unquoted = await paper.submitOrder(venue, order({ symbol: "MSFT" }));
    expect(unquoted.status).toBe("cancelled");
    expect((await paper.cancelOrder(venue, "x")).cancelled).toBe(false);
  });
});

describe("fee schedules from configuration", () => {
  it("reads the pricing model from the signs of the fees, capped by the 2024 Rule 610(c) cap", () => {
    const of = (makerFee: string, takerFee: string) =>
      feeScheduleOf({ makerFee: new Decimal(makerFee), takerFee: new Decimal(takerFee) });
    expect(of("-0.002", "0.003").model).toBe("maker_taker");
    expect(of("0.002", "-0.001").model).toBe("inverted");
    expect(of("0", "0.001").model).toBe("flat");
    expect(of("0", "0.001").accessFeeCap).toBe(ACCESS_FEE_CAP_2024);
  });
});
