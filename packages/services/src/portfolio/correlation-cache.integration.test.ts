/**
 * A correlation matrix through the portfolio analytics: computed once for a set of symbols and read from
 * correlation_cache by the next user holding the same names (no engine run), until an import of one of
 * the symbols drops it.
 */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { readCorrelationCache } from "@nexus/db/queries/analytics-cache";
import { insertTradeEvents } from "@nexus/db/queries/events";
import { upsertMarketBars } from "@nexus/db/queries/market";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { MemoryCache } from "@nexus/platform/cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyExecutedTrades } from "./apply-trades";
import { importMarketData } from "./market-data";
import { MarketHistoryStore } from "./market-history";
import { createPortfolioAnalytics } from "./portfolio-analytics";
import { RiskThreadPool } from "./risk-pool";
import { syntheticBars } from "./testing";

let db: TestSchema;
const pool = new RiskThreadPool({ size: 1 });
let runs = 0;
const countingPool = {
  run: (...args: Parameters<RiskThreadPool["run"]>) => {
    runs += 1;
    return pool.run(...args);
  },
} as RiskThreadPool;
const NOW = new Date(Date.UTC(2026, 11, 7, 15));
const dealer = randomUUID();
const holders = [randomUUID(), randomUUID(), randomUUID()];

const buy = (userId: string, symbol: string): TradeExecutedEvent => ({
  event_id: randomUUID(),
  event_type: "trade.executed",
  occurred_at: new Date(Date.UTC(2026, 11, 7, 14)).toISOString(),
  trade_id: randomUUID(),
  symbol,
  price: "50",
  quantity: "100",
  buy_order_id: randomUUID(),
  sell_order_id: randomUUID(),
  buy_user_id: userId,
  sell_user_id: dealer,
  aggressor_side: "buy",
});

let analytics: ReturnType<typeof createPortfolioAnalytics>;
beforeAll(async () => {
  db = await createTestDatabase("services_correlation_cache");
  await upsertMarketBars(db.db, syntheticBars());
  const trades = holders.flatMap((userId) => [buy(userId, "AAA"), buy(userId, "BBB")]);
  await insertTradeEvents(db.db, trades);
  await applyExecutedTrades(db.db, trades);
  analytics = createPortfolioAnalytics({
    db: db.db,
    cache: new MemoryCache(),
    pool: countingPool,
    market: new MarketHistoryStore(db.db, { recheckMs: 0 }),
    clock: () => NOW,
  });
});
afterAll(async () => {
  await Promise.all([pool.close(), db.close()]);
});

describe("correlations through correlation_cache", () => {
  it("serves a second user holding the same names from the table, and recomputes after an import of one of them", async () => {
    const [first, second, third] = holders as [string, string, string];
    const matrix = await analytics.risk(first, { metric: "correlation", lookbackDays: 250 });
    expect(matrix).toMatchObject({ symbols: ["AAA", "BBB"] });
    expect(runs).toBe(1);
    expect(await readCorrelationCache(db.db, ["AAA", "BBB"], 250, NOW)).toMatchObject({
      symbols: ["AAA", "BBB"],
      observationCount: 250,
    });

    expect(await analytics.risk(second, { metric: "correlation", lookbackDays: 250 })).toEqual(matrix);
    expect(runs).toBe(1);

    await importMarketData(
      { db: db.db, actor: { actorType: "system", actorId: null, ip: null } },
      {
        source: "correction.csv",
        bars: syntheticBars()
          .filter((bar) => bar.symbol === "AAA")
          .slice(-1),
      },
    );
    expect(await readCorrelationCache(db.db, ["AAA", "BBB"], 250, NOW)).toBeUndefined();
    await analytics.risk(third, { metric: "correlation", lookbackDays: 250 });
    expect(runs).toBe(2);
  });
});
