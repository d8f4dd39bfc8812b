import { Decimal } from "@nexus/core/money";
import { feeScheduleOf } from "@nexus/services/routing";
import { describe, expect, it } from "vitest";
import { INTERNAL_VENUE_ID, SimulatedVenues } from "./simulated-venues.js";

const T0 = Date.parse("2026-11-24T14:30:00Z");
const immediate = {
  after(_ms: number, callback: () => void) {
    queueMicrotask(callback);
    return () => undefined;
  },
};
const venues = () => new SimulatedVenues({ seed: 1, now: () => T0, timer: immediate });
const d = (value: string) => new Decimal(value);
const target = (venueId: string, venueType: "internal" | "exchange" = "exchange") => ({
  venueId,
  venueType,
  feeSchedule: feeScheduleOf({ makerFee: d("0"), takerFee: d("0") }),
});
const order = (side: "buy" | "sell", quantity: string, limitPrice: string | null = null) => ({
  orderId: crypto.randomUUID(),
  userId: crypto.randomUUID(),
  symbol: "AAPL",
  side,
  quantity: d(quantity),
  orderType: limitPrice === null ? ("market" as const) : ("limit" as const),
  limitPrice: limitPrice === null ? null : d(limitPrice),
  timeInForce: "ioc" as const,
});

describe("SimulatedVenues", () => {
  it("configures the internal matching engine first, then each simulated venue with its fees and MIC", () => {
    const configured = venues().configurations();
    expect(configured.map((c) => [c.venueId, c.venueType, c.takerFee, c.mic])).toEqual([
      [INTERNAL_VENUE_ID, "internal", "0", undefined],
      ["XNYS", "exchange", "0.003", "XNYS"],
      ["XNAS", "exchange", "0.003", "XNAS"],
      ["BATY", "exchange", "-0.0005", "BATY"],
      ["ATS1", "ats", "0.001", undefined],
      ["DARK1", "dark_pool", "0.001", undefined],
      ["WHSL1", "market_maker", "0", undefined],
    ]);
  });

  it("quotes the house desk one tick inside a wide market in the internal book, at the market in a narrow one", () => {
    const market = venues();
    market.setReference("AAPL", d("189.20"), d("189.26"));
    expect(market.engine.bestBid("AAPL")?.price.toFixed()).toBe("189.21");
    expect(market.engine.bestAsk("AAPL")?.price.toFixed()).toBe("189.25");
    const narrow = venues();
    narrow.setReference("MSFT", d("410.00"), d("410.02"));
    expect(narrow.engine.bestBid("MSFT")?.price.toFixed()).toBe("410");
    // The exchanges quote a tick either side of the midpoint on the grid; the dark pool quotes nothing.
    const quotes = narrow.quotes();
    expect(quotes.find((q) => q.venueId === "XNYS")).toMatchObject({ bidPrice: "410", askPrice: "410.02" });
    expect(quotes.some((q) => q.venueId === "DARK1")).toBe(false);
    expect(quotes.every((q) => q.timestamp === T0)).toBe(true);
  });

  it("crosses an order with the desk in the matching engine and hands the answer over once", async () => {
    const market = venues();
    market.setReference("AAPL", d("189.20"), d("189.26"));
    const desk = market.engine.bestAsk("AAPL")?.quantity ?? d("0");
    const buy = order("buy", desk.plus(500).toFixed(), "189.25");
    const report = await market.gateway().submitOrder(target(INTERNAL_VENUE_ID, "internal"), buy);
    expect(report.filledQuantity.toFixed()).toBe(desk.toFixed());
    // An IOC: what the desk could not fill is cancelled, not left resting.
    expect(report.status).toBe("cancelled");
    expect(market.takeAnswer(buy.orderId)?.report).toBe(report);
    expect(market.takeAnswer(buy.orderId)).toBeUndefined();
    // The desk's offer is gone: the internal quote's ask side is empty, and still fresh.
    const internal = market.quotes().find((q) => q.venueId === INTERNAL_VENUE_ID);
    expect(internal).toMatchObject({ askPrice: "0", askSize: "0", bidPrice: "189.21" });
    expect(market.engine.openOrder(buy.orderId)).toBeUndefined();
  });

  it("rejects an order for a venue it has no session to, and cancels nothing there", async () => {
    const gateway = venues().gateway();
    const report = await gateway.submitOrder(target("XCHI"), order("sell", "100"));
    expect(report).toMatchObject({ status: "rejected", rejectReason: "no session to this venue" });
    expect(await gateway.cancelOrder(target("XCHI"), "x")).toMatchObject({ cancelled: false });
    expect(await gateway.cancelOrder(target("XNYS"), "x")).toMatchObject({ cancelled: false });
  });
});
