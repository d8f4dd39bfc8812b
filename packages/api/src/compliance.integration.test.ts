/**
 * The compliance workspace's investigation procedures on the real Postgres: who may call each
 * (compliance and admin; traders and ops 403), the book replay stepped by event and by millisecond,
 * the calibration sandbox against reviewed alerts, profiles and analytics.
 */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { insertOrderEvents, insertTradeEvents } from "@nexus/db/queries/events";
import { surveillanceAlerts } from "@nexus/db/schema";
import { createTestDatabase } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, rejection, signInEveryRole } from "../test/harness";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let sessions: Awaited<ReturnType<typeof signInEveryRole>>;
beforeAll(async () => {
  handle = await createTestDatabase("api_compliance");
  sessions = await signInEveryRole(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const NOW = new Date("2026-11-25T12:00:00Z");
const as = async (role: keyof typeof sessions) =>
  (await callAs(handle.db, { session: sessions[role], now: NOW })).caller;

function order(
  fields: Pick<OrderEvent, "event_type" | "side" | "price" | "quantity" | "occurred_at"> &
    Partial<Pick<OrderEvent, "order_id" | "user_id" | "symbol">>,
): OrderEvent {
  return {
    event_id: randomUUID(),
    order_id: randomUUID(),
    user_id: randomUUID(),
    symbol: "RPLY",
    order_type: "limit",
    ...fields,
  };
}

function trade(
  buy: OrderEvent,
  sell: OrderEvent,
  quantity: string,
  price: string,
  at: string,
): TradeExecutedEvent {
  return {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: at,
    trade_id: randomUUID(),
    symbol: buy.symbol,
    price,
    quantity,
    buy_order_id: buy.order_id,
    sell_order_id: sell.order_id,
    buy_user_id: buy.user_id,
    sell_user_id: sell.user_id,
    aggressor_side: "buy",
  };
}

describe("who may call the compliance procedures", () => {
  it("refuses traders and ops on every procedure, with 403", async () => {
    for (const role of ["trader", "ops"] as const) {
      const caller = await as(role);
      const calls: Array<Promise<unknown>> = [
        caller.compliance.bookReplay({ symbol: "RPLY", at: "2026-11-24T14:30:00Z" }),
        caller.compliance.calibrate({ from: "2026-11-24", to: "2026-11-25", candidates: {} }),
        caller.compliance.userProfile({ userId: randomUUID() }),
        caller.compliance.symbolProfile({ symbol: "RPLY" }),
        caller.compliance.analytics({}),
      ];
      for (const call of calls) expect((await rejection(call)).code).toBe("FORBIDDEN");
    }
  });

  it("lets admins through as well as compliance", async () => {
    const admin = await as("admin");
    expect((await admin.compliance.analytics({})).openByAge).toHaveLength(5);
  });
});

describe("book replay", () => {
  const spoofer = randomUUID();
  const at = (ms: number) => `2026-11-24T14:30:00.${String(ms).padStart(3, "0")}Z`;
  const bid = order({
    event_type: "order.created",
    side: "buy",
    price: "10.00",
    quantity: "100",
    occurred_at: at(100),
  });
  const spoof = order({
    event_type: "order.created",
    side: "sell",
    price: "10.05",
    quantity: "5000",
    occurred_at: at(200),
    user_id: spoofer,
  });
  const taker = order({
    event_type: "order.created",
    side: "sell",
    price: "10.00",
    quantity: "40",
    occurred_at: at(300),
  });
  const fill = trade(bid, taker, "40", "10.00", at(300));
  const cancel = order({
    event_type: "order.cancelled",
    side: "sell",
    price: "10.05",
    quantity: "5000",
    occurred_at: at(900),
    order_id: spoof.order_id,
    user_id: spoofer,
  });

  beforeAll(async () => {
    await insertOrderEvents(handle.db, [bid, spoof, taker, cancel]);
    await insertTradeEvents(handle.db, [fill]);
  });

  it("shows the book at a moment, marks the highlighted user's orders, and says where a step goes", async () => {
    const compliance = await as("compliance");
    const replay = await compliance.compliance.bookReplay({
      symbol: "RPLY",
      at: at(500),
      highlightUserId: spoofer,
    });
    expect(replay.bids).toEqual([{ price: "10", quantity: "60", orders: 1, highlighted: "0" }]);
    expect(replay.asks).toEqual([{ price: "10.05", quantity: "5000", orders: 1, highlighted: "5000" }]);
    expect(replay.lastTrade).toMatchObject({ price: "10", quantity: "40" });
    expect(replay.currentInstant).toBe("2026-11-24T14:30:00.300000Z");
    expect(replay.previousInstant).toBe("2026-11-24T14:30:00.200000Z");
    expect(replay.nextInstant).toBe("2026-11-24T14:30:00.900000Z");
    expect(replay.upcoming.map((event) => event.event_id)).toEqual([cancel.event_id]);
    expect(replay.upcomingCount).toBe(1);
    expect(replay.origin).toBe("2026-11-24T00:00:00.000000Z");
  });

  it("steps one event forward to the cancel, and one millisecond back to before it", async () => {
    const compliance = await as("compliance");
    const forward = await compliance.compliance.bookReplay({
      symbol: "RPLY",
      at: "2026-11-24T14:30:00.900000Z",
    });
    expect(forward.asks).toEqual([]);
    expect(forward.recent[0]?.event_id).toBe(cancel.event_id);
    expect(forward.nextInstant).toBeNull();
    const back = await compliance.compliance.bookReplay({ symbol: "RPLY", at: at(899) });
    expect(back.asks.map((level) => level.quantity)).toEqual(["5000"]);
  });

  it("is an empty book before the day's first event", async () => {
    const compliance = await as("compliance");
    const before = await compliance.compliance.bookReplay({ symbol: "RPLY", at: at(50) });
    expect(before).toMatchObject({
      bids: [],
      asks: [],
      currentInstant: null,
      nextInstant: at(100).replace("Z", "000Z"),
    });
  });

  it("refuses a malformed moment or symbol with a 400 naming the field", async () => {
    const compliance = await as("compliance");
    const badTime = await rejection(compliance.compliance.bookReplay({ symbol: "RPLY", at: "yesterday" }));
    expect(badTime).toMatchObject({ code: "BAD_REQUEST" });
    expect(badTime.message).toContain("at");
    const badSymbol = await rejection(compliance.compliance.bookReplay({ symbol: "rply!", at: at(1) }));
    expect(badSymbol.message).toContain("symbol");
  });
});

describe("calibration sandbox", () => {
  const washer = randomUUID();
  const start = "2026-11-23T10:00:00.000Z";

  beforeAll(async () => {
    // The washer's sell crossed by their own buy: wash trading (no change of beneficial owner).
    const sell = order({
      event_type: "order.created",
      side: "sell",
      price: "50.00",
      quantity: "200",
      occurred_at: start,
      user_id: washer,
      symbol: "WASH",
    });
    const buy = order({
      event_type: "order.created",
      side: "buy",
      price: "50.00",
      quantity: "200",
      occurred_at: "2026-11-23T10:00:00.003Z",
      user_id: washer,
      symbol: "WASH",
    });
    await insertOrderEvents(handle.db, [sell, buy]);
    await insertTradeEvents(handle.db, [trade(buy, sell, "200", "50.00", buy.occurred_at)]);
    const reviewed = (
      status: "closed_reported" | "closed_no_action",
      firstEventAt: string,
      lastEventAt: string,
    ) => ({
      alertType: "wash_trading" as const,
      severity: "high" as const,
      status,
      userId: washer,
      accountId: washer,
      symbol: "WASH",
      detectedAt: new Date(firstEventAt),
      firstEventAt: new Date(firstEventAt),
      lastEventAt: new Date(lastEventAt),
      description: "reviewed earlier",
      confidenceScore: new Decimal("0.9"),
      recommendedAction: "none",
      dispositionAt: new Date("2026-11-24T09:00:00Z"),
      dispositionReason: "test",
    });
    await handle.db
      .insert(surveillanceAlerts)
      .values([
        reviewed("closed_reported", start, "2026-11-23T10:00:00.003Z"),
        reviewed("closed_no_action", "2026-11-23T15:00:00Z", "2026-11-23T15:00:01Z"),
      ]);
  });

  it("counts each model's alerts under the live and the candidate thresholds, and which reviewed ones fire again", async () => {
    const compliance = await as("compliance");
    const result = await compliance.compliance.calibrate({
      from: "2026-11-23T00:00:00Z",
      to: "2026-11-24T00:00:00Z",
      symbols: ["WASH"],
      candidates: { wash_trading: { maxPriceDifferenceBps: 5 } },
    });
    expect(result.events).toBe(3);
    const wash = result.models.find((model) => model.type === "wash_trading");
    expect(wash?.candidateThresholds.maxPriceDifferenceBps).toBe(5);
    expect(wash?.liveThresholds.maxPriceDifferenceBps).toBe(10);
    expect(wash?.liveAlerts).toBe(1);
    expect(wash?.candidateAlerts).toBe(1);
    // The confirmed alert is the self-trade's episode; the dismissed one was hours later: not raised again.
    expect(wash?.confirmed).toEqual({
      live: { total: 1, stillRaised: 1 },
      candidate: { total: 1, stillRaised: 1 },
    });
    expect(wash?.dismissed).toEqual({
      live: { total: 1, stillRaised: 0 },
      candidate: { total: 1, stillRaised: 0 },
    });
    expect(result.models.find((model) => model.type === "spoofing")?.liveAlerts).toBe(0);
  });

  it("replays every symbol traded in the period when none is named", async () => {
    const compliance = await as("compliance");
    const result = await compliance.compliance.calibrate({
      from: "2026-11-24T00:00:00Z",
      to: "2026-11-25T00:00:00Z",
      candidates: {},
    });
    expect(result).toMatchObject({ symbols: 1, events: 5 });
    expect(result.models.every((model) => model.liveAlerts === model.candidateAlerts)).toBe(true);
  });

  it("refuses an unknown or out-of-range candidate with a 400 naming the model", async () => {
    const compliance = await as("compliance");
    const refusal = await rejection(
      compliance.compliance.calibrate({
        from: "2026-11-23T00:00:00Z",
        to: "2026-11-24T00:00:00Z",
        candidates: { spoofing: { minCancelRatio: 2 } },
      }),
    );
    expect(refusal.code).toBe("BAD_REQUEST");
    expect(refusal.message).toContain("minCancelRatio");
    const tooLong = await rejection(
      compliance.compliance.calibrate({ from: "2026-01-01", to: "2026-03-01", candidates: {} }),
    );
    expect(tooLong).toMatchObject({ code: "BAD_REQUEST" });
    expect(tooLong.message).toContain("to");
  });
});

describe("profiles and analytics", () => {
  it("profiles a symbol per trader and a trader per symbol over the last day", async () => {
    const compliance = await as("compliance");
    const symbol = await compliance.compliance.symbolProfile({ symbol: "RPLY" });
    expect(symbol.totals).toEqual({ orders: 3, trades: 2, pairs: 3 });
    const spoofer = symbol.pairs.find((pair) => pair.orderCount === 1 && pair.cancelRatio === "1");
    expect(spoofer).toMatchObject({ maxOrderSize: "5000", avgOrderLifetimeMs: 700, tradeCount: 0 });
    const trader = await compliance.compliance.userProfile({ userId: spoofer?.userId ?? "" });
    expect(trader.pairs.map((pair) => pair.symbol)).toEqual(["RPLY"]);
    expect(trader.windowEnd).toBe(NOW.toISOString());
  });

  it("counts alerts per model, the dismissal rate, time to close and open alerts by age", async () => {
    const compliance = await as("compliance");
    const analytics = await compliance.compliance.analytics({ days: 30 });
    expect(analytics.dismissals).toContainEqual({ alertType: "wash_trading", closed: 2, dismissed: 1 });
    const wash = analytics.timeToClose.find((row) => row.alertType === "wash_trading");
    // Closed 2026-11-24 09:00 after detection at 2026-11-23 10:00 and 15:00: 23 and 18 hours.
    expect(wash).toMatchObject({ closed: 2, medianHours: 20.5 });
    expect(analytics.overTime).toContainEqual({
      bucket: new Date("2026-11-23T00:00:00Z"),
      alertType: "wash_trading",
      alerts: 2,
    });
    expect(analytics.openByAge.reduce((sum, band) => sum + band.alerts, 0)).toBe(0);
    expect((await compliance.compliance.analytics({ days: 1 })).dismissals).toEqual([]);
  });
});
