/**
 * Trades -> positions -> VaR -> a trade -> fresh VaR, against the real Postgres and Redis and through
 * the real worker threads.
 */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { insertTradeEvents } from "@nexus/db/queries/events";
import { upsertMarketBars } from "@nexus/db/queries/market";
import { listPositions } from "@nexus/db/queries/portfolio";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { RedisCache } from "@nexus/platform/cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyExecutedTrades } from "./apply-trades";
import { PortfolioError } from "./errors";
import { MarketHistoryStore } from "./market-history";
import { createPortfolioAnalytics } from "./portfolio-analytics";
import { invalidatePortfolios } from "./risk-cache";
import { RiskThreadPool } from "./risk-pool";
import { syntheticBars } from "./testing";

let db: TestSchema;
const cache = new RedisCache({
  url: "redis://127.0.0.1:6379",
  keyPrefix: `it-portfolio-${randomUUID().slice(0, 8)}:`,
});
const pool = new RiskThreadPool({ size: 2 });
let runs = 0;
const countingPool = {
  run: (...args: Parameters<RiskThreadPool["run"]>) => {
    runs += 1;
    return pool.run(...args);
  },
} as RiskThreadPool;

const trader = randomUUID();
const dealer = randomUUID();

/** What the worker does with a trade: the ingest consumer stores it, the position keeper applies it. */
async function deliver(trades: TradeExecutedEvent[]) {
  await insertTradeEvents(db.db, trades);
  return applyExecutedTrades(db.db, trades);
}

let tradeSeconds = 0;
function trade(symbol: string, side: "buy" | "sell", quantity: string, price: string): TradeExecutedEvent {
  tradeSeconds += 1;
  return {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: new Date(Date.UTC(2026, 11, 6, 14, 0, tradeSeconds)).toISOString(),
    trade_id: randomUUID(),
    symbol,
    price,
    quantity,
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: side === "buy" ? trader : dealer,
    sell_user_id: side === "buy" ? dealer : trader,
    aggressor_side: side,
  };
}

let analytics: ReturnType<typeof createPortfolioAnalytics>;
beforeAll(async () => {
  db = await createTestDatabase("services_portfolio");
  await upsertMarketBars(db.db, syntheticBars());
  analytics = createPortfolioAnalytics({
    db: db.db,
    cache,
    pool: countingPool,
    market: new MarketHistoryStore(db.db),
    clock: () => new Date(Date.UTC(2026, 11, 6, 15)),
  });
});
afterAll(async () => {
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), pool.close(), db.close()]);
});

describe("portfolio from trades", () => {
  it("marks a symbol nobody has traded yet at its last stored close", async () => {
    const holder = randomUUID();
    const onlyApplied = {
      ...trade("CCC", "buy", "10", "19.00"),
      buy_user_id: holder,
      sell_user_id: randomUUID(),
    };
    await applyExecutedTrades(db.db, [onlyApplied]);
    const lastCcc = syntheticBars()
      .filter((bar) => bar.symbol === "CCC")
      .at(-1);
    const [position] = await analytics.positions(holder);
    expect(position?.mark.toNumber()).toBe(lastCcc?.close?.toNumber());
    // The risk figures value it the same way: 10 CCC at the last close, down 10 % (P&L in cents).
    const stress = (await analytics.risk(holder, {
      metric: "stress",
      custom: { name: "CCC -10 %", changes: { CCC: "-0.1" } },
    })) as { pnl: string };
    expect(stress.pnl).toBe(lastCcc?.close?.times(-1).toDecimalPlaces(2).toFixed());
    // Those the history (2016-01-04..2017-02-24) holds: every built-in one.
    expect((await analytics.scenarios()).map((scenario) => scenario.id)).toEqual([
      "2015-08-24",
      "2016-06-24",
      "energy-2015-16",
      "2012-11-07",
      "2013-06-20",
      "emerging-markets-2014",
    ]);
  });

  const first = [trade("AAA", "buy", "100", "100.00"), trade("BBB", "buy", "200", "50.25")];

  it("applies both sides of each trade once, however often it is delivered", async () => {
    expect(await deliver(first)).toMatchObject({ applied: 4, duplicates: 0 });
    const again = await deliver([...first].reverse());
    expect(again).toMatchObject({ applied: 0, duplicates: 4, changedUsers: new Set() });
    const mine = await listPositions(db.db, trader);
    expect(mine.map((p) => [p.symbol, p.quantity.toFixed(), p.averageCost.toFixed()])).toEqual([
      ["AAA", "100", "100"],
      ["BBB", "200", "50.25"],
    ]);
    const theirs = await listPositions(db.db, dealer);
    expect(theirs.map((p) => p.quantity.toFixed())).toEqual(["-100", "-200"]);
  });

  it("applies a batch in its order: fills of one position, a trade twice in it, a self-trade", async () => {
    const holder = randomUUID();
    const other = randomUUID();
    const fill = (buyer: string, seller: string, quantity: string, price: string) => ({
      ...trade("DDD", "buy", quantity, price),
      buy_user_id: buyer,
      sell_user_id: seller,
    });
    const opening = fill(holder, other, "100", "10");
    const batch = [
      opening,
      fill(holder, other, "100", "20"),
      opening,
      fill(other, holder, "50", "30"),
      fill(holder, holder, "10", "25"),
    ];
    expect(await deliver(batch)).toMatchObject({ applied: 8, duplicates: 2 });
    const [mine] = await listPositions(db.db, holder);
    // 200 at 15; 50 sold at 30 realizes 750; the self-trade buys 10 at 25 (average 15.625) and sells
    // them at 25, realizing 93.75.
    expect([mine?.quantity.toFixed(), mine?.averageCost.toFixed(), mine?.realizedPnl.toFixed()]).toEqual([
      "150",
      "15.625",
      "843.75",
    ]);
    const [theirs] = await listPositions(db.db, other);
    expect([
      theirs?.quantity.toFixed(),
      theirs?.averageCost.toFixed(),
      theirs?.realizedPnl.toFixed(),
    ]).toEqual(["-150", "15", "-750"]);
  });

  it("values the book at the last trade prices, exactly", async () => {
    await deliver([trade("AAA", "sell", "40", "101.10")]);
    const summary = await analytics.summary(trader);
    // AAA: 60 left at 100, marked 101.10; realized 40 x 1.10. BBB: 200 at 50.25, marked 50.25.
    expect(summary.realizedPnl.toFixed()).toBe("44");
    expect(summary.unrealizedPnl.toFixed()).toBe("66");
    expect(summary.marketValue.toFixed()).toBe("16116");
    expect(summary.cash.toFixed()).toBe("-16006");
    expect(summary.openPositions).toBe(2);
    const positions = await analytics.positions(trader);
    expect(positions.map((p) => p.mark.toFixed())).toEqual(["101.1", "50.25"]);
  });

  it("computes VaR in the pool, serves it from the cache, and recomputes after a trade", async () => {
    const request = { metric: "var" as const, confidence: 0.99, horizon: "1D" as const, lookbackDays: 250 };
    runs = 0;
    const before = (await analytics.risk(trader, request)) as Array<{ method: string; var: string }>;
    expect(before.map((result) => result.method)).toEqual([
      "historical",
      "parametric",
      "monte_carlo",
      "cornish_fisher",
    ]);
    expect(Number(before[0]?.var)).toBeGreaterThan(0);
    expect(await analytics.risk(trader, request)).toEqual(before);
    expect(runs).toBe(1);

    // A trade changes the book: the user's cached figures are gone at once, and the next one is new.
    const { changedUsers } = await deliver([trade("CCC", "buy", "1000", "20.00")]);
    expect(await invalidatePortfolios(cache, changedUsers)).toBeGreaterThanOrEqual(1);
    const after = (await analytics.risk(trader, request)) as Array<{ var: string; components: unknown[] }>;
    expect(runs).toBe(2);
    expect(after[0]?.var).not.toBe(before[0]?.var);
    expect(after[0]?.components).toHaveLength(3);
  });

  it("never serves a figure of the old book, even when the trade's invalidation did not reach the cache", async () => {
    const request = { metric: "var" as const, methods: ["parametric" as const] };
    const before = (await analytics.risk(trader, request)) as Array<{ var: string }>;
    await deliver([trade("CCC", "sell", "500", "20.00")]);
    const after = (await analytics.risk(trader, request)) as Array<{ var: string }>;
    expect(after[0]?.var).not.toBe(before[0]?.var);
  });

  it("answers a repeated figure from the process, without the cache, while it is current", async () => {
    let gets = 0;
    const counting = {
      get: (...args: Parameters<typeof cache.get>) => {
        gets += 1;
        return cache.get(...args);
      },
      set: (...args: Parameters<typeof cache.set>) => cache.set(...args),
      deleteByPrefix: (prefix: string) => cache.deleteByPrefix(prefix),
    } as typeof cache;
    let now = Date.UTC(2026, 11, 6, 15);
    const local = createPortfolioAnalytics({
      db: db.db,
      cache: counting,
      pool: countingPool,
      market: new MarketHistoryStore(db.db),
      clock: () => new Date(now),
      ttlSeconds: 60,
      recentFigures: 1,
    });
    const parametric = { metric: "var" as const, methods: ["parametric" as const], lookbackDays: 100 };
    const historical = { ...parametric, methods: ["historical" as const] };
    await local.invalidate(trader);
    runs = 0;
    const first = await local.risk(trader, parametric);
    expect([runs, gets]).toEqual([1, 1]);
    expect(await local.risk(trader, parametric)).toEqual(first);
    expect([runs, gets]).toEqual([1, 1]);
    // Kept no longer than the cache keeps it: after the TTL the cache is asked again (its copy, in Redis's
    // own time, is still there).
    now += 61_000;
    expect(await local.risk(trader, parametric)).toEqual(first);
    expect([runs, gets]).toEqual([1, 2]);
    // One figure kept here: another request's figure takes its place.
    await local.risk(trader, historical);
    await local.risk(trader, parametric);
    expect([runs, gets]).toEqual([2, 4]);
    // Invalidating drops this process's copies too.
    await local.invalidate(trader);
    await local.risk(trader, parametric);
    expect([runs, gets]).toEqual([3, 5]);
  });

  it("answers the other metrics, and refuses with the engine's reason", async () => {
    const stress = (await analytics.risk(trader, {
      metric: "stress",
      custom: { name: "AAA -10 %", changes: { AAA: "-0.10" } },
    })) as {
      pnl: string;
    };
    expect(stress.pnl).toBe("-606.6");
    const correlation = (await analytics.risk(trader, { metric: "correlation", lookbackDays: 250 })) as {
      symbols: string[];
      values: number[];
    };
    expect(correlation.symbols).toEqual(["AAA", "BBB", "CCC"]);
    expect(correlation.values[0]).toBeCloseTo(1, 12);
    const returns = (await analytics.risk(trader, { metric: "returns", frequency: "monthly" })) as {
      periods: string[];
    };
    expect(returns.periods[0]).toBe("2016-01");
    expect(await analytics.risk(trader, { metric: "performance", benchmarkSymbol: "AAA" })).toMatchObject({
      benchmark: "AAA",
    });
    expect(await analytics.risk(trader, { metric: "risk_decomposition", lookbackDays: 250 })).toHaveProperty(
      "totalRisk",
    );
    const whatIf = (await analytics.risk(trader, {
      metric: "marginal_var",
      trade: { symbol: "AAA", quantity: "500" },
    })) as { change: string };
    expect(Number(whatIf.change)).toBeGreaterThan(0);

    await expect(analytics.risk(randomUUID(), { metric: "var" })).rejects.toMatchObject({
      problem: "no_exposure",
    });
    await expect(
      analytics.risk(trader, { metric: "correlation", symbols: ["AAA", "ZZZ"] }),
    ).rejects.toBeInstanceOf(PortfolioError);
    await expect(analytics.risk(trader, { metric: "var", lookbackDays: 20 })).rejects.toMatchObject({
      problem: "insufficient_history",
    });
  });
});
