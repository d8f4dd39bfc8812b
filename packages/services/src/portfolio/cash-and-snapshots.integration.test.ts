/**
 * A trader's cash from deposits and trading, the daily snapshots of the account, and its time-weighted
 * return, against the real Postgres.
 */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { toDecimal } from "@nexus/core/money";
import { createUser } from "@nexus/db/queries/auth";
import { listAuditOf } from "@nexus/db/queries/audit";
import { insertTradeEvents } from "@nexus/db/queries/events";
import { upsertMarketBars } from "@nexus/db/queries/market";
import { listPortfolioSnapshots } from "@nexus/db/queries/portfolio-snapshots";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../context";
import { applyExecutedTrades } from "./apply-trades";
import { valueAccount } from "./book-valuation";
import { recordCashMovement } from "./cash-movements";
import { accountReturns, takeDailySnapshots } from "./daily-snapshots";
import { MarketHistoryStore } from "./market-history";
import { syntheticBars } from "./testing";

let db: TestSchema;
let trader: string;
let market: MarketHistoryStore;
const ops: Actor = { actorType: "user", actorId: randomUUID(), ip: "10.0.0.1" };
const evening = (day: number) => new Date(Date.UTC(2026, 5, day, 20));

beforeAll(async () => {
  db = await createTestDatabase("services_cash_snapshots");
  await upsertMarketBars(db.db, syntheticBars());
  market = new MarketHistoryStore(db.db);
  trader = (
    await createUser(db.db, { email: "cash@example.com", name: "Cash", role: "trader", passwordHash: "x" })
  ).id;
});
afterAll(async () => {
  await db.close();
});

let tradeSeconds = 0;
/** A trade of `buyer` (someone else when not given) in AAA at `price` on the afternoon of `day` (June 2026). */
async function tradeAaa(day: number, price: string, buyer: string = randomUUID()): Promise<void> {
  const trade: TradeExecutedEvent = {
    event_id: randomUUID(),
    event_type: "trade.executed",
    // A second apart, so the last one is the mark.
    occurred_at: new Date(Date.UTC(2026, 5, day, 15, 0, ++tradeSeconds)).toISOString(),
    trade_id: randomUUID(),
    symbol: "AAA",
    price,
    quantity: "100",
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: buyer,
    sell_user_id: randomUUID(),
    aggressor_side: "buy",
  };
  await insertTradeEvents(db.db, [trade]);
  await applyExecutedTrades(db.db, [trade]);
}

const deposit = (amount: string, effectiveDate: string, userId = trader) =>
  recordCashMovement(
    { db: db.db, actor: ops, now: evening(1) },
    { userId, kind: "deposit", amount: toDecimal(amount), effectiveDate, note: "wire received" },
  );

describe("cash movements, daily snapshots and time-weighted returns", () => {
  it("refuses a movement for an account that is not a trader's, recording nothing", async () => {
    await expect(deposit("100", "2026-06-01", randomUUID())).rejects.toMatchObject({
      problem: "unknown_account",
      field: "userId",
    });
  });

  it("counts deposits from their effective date in the cash, with an audit row per movement", async () => {
    const movement = await deposit("10000", "2026-06-01");
    await tradeAaa(1, "100.00", trader);
    const day1 = await valueAccount({ db: db.db, market, clock: () => evening(1) }, trader);
    // 10,000 in, 100 AAA bought at 100: no cash left, worth 10,000.
    expect(day1.summary.cash.toFixed()).toBe("0");
    expect(day1.summary.equity.toFixed()).toBe("10000");
    expect(day1.summary.netDeposits.toFixed()).toBe("10000");
    const audit = await listAuditOf(db.db, { entityType: "cash_movement", entityId: movement.id });
    expect(audit).toMatchObject([
      { action: "cash.deposit", actorId: ops.actorId, details: { userId: trader, amount: "10000" } },
    ]);
    expect(movement.createdBy).toBe(`user:${ops.actorId}`);

    // A deposit effective later is not cash yet.
    await recordCashMovement(
      { db: db.db, actor: ops, now: evening(1) },
      {
        userId: trader,
        kind: "withdrawal",
        amount: toDecimal("500"),
        effectiveDate: "2026-06-10",
        note: "fee",
      },
    );
    const early = await valueAccount({ db: db.db, market, clock: () => evening(1) }, trader);
    expect(early.summary.cash.toFixed()).toBe("0");
    const later = await valueAccount({ db: db.db, market, clock: () => evening(10) }, trader);
    expect(later.summary.cash.toFixed()).toBe("-500");
  });

  it("writes one snapshot per user and day however often the job runs, and a deposit is no performance", async () => {
    const snap = (day: number) => takeDailySnapshots({ db: db.db, market, clock: () => evening(day) });
    // The trader's account alone: the counterparties of its trades hold positions but no account.
    expect(await snap(1)).toEqual({ asOfDate: "2026-06-01", users: 1 });
    await tradeAaa(2, "105.00");
    await snap(2);
    await tradeAaa(2, "110.00");
    // The job runs again later the same day: the day's row now holds the later valuation.
    await snap(2);
    // 11,000 more arrives on 3 June and AAA does not move: the account doubles, its return is nil.
    await deposit("11000", "2026-06-03");
    await snap(3);

    const rows = await listPortfolioSnapshots(db.db, trader);
    expect(rows.map((row) => [row.asOfDate, row.marketValue.plus(row.cash).toFixed()])).toEqual([
      ["2026-06-01", "10000"],
      ["2026-06-02", "11000"],
      ["2026-06-03", "22000"],
    ]);
    expect(rows[2]?.holdings).toEqual([
      { symbol: "AAA", quantity: "100", price: "110", market_value: "11000", weight: 1 },
    ]);

    const all = (await accountReturns(db.db, trader, {})) as { returns: number[]; totalReturn: number };
    expect(all.returns).toEqual([0, expect.closeTo(0.1, 12), 0]);
    expect(all.totalReturn).toBeCloseTo(0.1, 12);
    const third = (await accountReturns(db.db, trader, { from: "2026-06-03", to: "2026-06-03" })) as {
      dates: string[];
      flows: number[];
      totalReturn: number;
    };
    expect(third).toMatchObject({ dates: ["2026-06-03"], flows: [11000], totalReturn: 0 });
  });
});
