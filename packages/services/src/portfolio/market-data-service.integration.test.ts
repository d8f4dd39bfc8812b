/**
 * MARKET_DATA_URL against a local HTTP server standing in for the market-data service, and the two
 * analytics caches in Postgres: service prices used while it answers (and kept in market_data_cache),
 * the stored bars with a "stale as of" marker while it does not, the breaker opening after consecutive
 * failures, and a correlation read a second time from correlation_cache until an import drops it.
 */
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Decimal } from "@nexus/core/money";
import { marketDataCacheFetches, readCorrelationCache } from "@nexus/db/queries/analytics-cache";
import { upsertMarketBars } from "@nexus/db/queries/market";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { createMarketDataClient } from "@nexus/platform/http/market-data";
import type { ServiceError } from "@nexus/platform/http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { correlationThroughCache } from "./correlation-cache";
import { confirmSuspectMove, importMarketData } from "./market-data";
import { MarketHistoryStore, createMarketHistory } from "./market-history";
import { DAILY_BARS } from "./service-bars";
import type { WireOutcome } from "./risk-requests";

let db: TestSchema;
let server: Server;
let baseUrl: string;
/** What the stand-in service does: answer with its bars, or fail with 503. */
let up = true;
let requests: string[] = [];

const NOW = new Date(Date.UTC(2026, 11, 7, 12));
const system = { actorType: "system", actorId: null, ip: null } as const;
const dates = ["2020-01-02", "2020-01-03", "2020-01-06"];
/** The service's closes are ten times the stored ones, so which source a figure used is plain. */
const serviceBars = (symbol: string) =>
  symbol === "SVC" ? dates.map((date, i) => ({ date, close: String(100 + i), volume: "1000" })) : undefined;

beforeAll(async () => {
  db = await createTestDatabase("services_market_data_service");
  await upsertMarketBars(
    db.db,
    ["SVC", "LOC"].flatMap((symbol) =>
      dates.map((date, i) => ({ symbol, date, close: new Decimal(10 + i) })),
    ),
  );
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (!up) return res.writeHead(503).end("{}");
    const symbols = new URL(req.url ?? "/", "http://x").searchParams.get("symbols")?.split(",") ?? [];
    const bars = Object.fromEntries(symbols.flatMap((s) => (serviceBars(s) ? [[s, serviceBars(s)]] : [])));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ bars }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});
beforeEach(async () => {
  up = true;
  requests = [];
  await db.sql`delete from market_data_cache`;
  await db.sql`delete from correlation_cache`;
});

const client = () =>
  createMarketDataClient({
    baseUrl,
    timeoutMs: 500,
    retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
    breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
  });

const store = (service = client(), failures: ServiceError[] = []) =>
  new MarketHistoryStore(db.db, {
    service,
    clock: () => NOW,
    recheckMs: 0,
    onServiceFailure: (error) => failures.push(error),
  });

const closesOf = (history: { closes: ReadonlyMap<string, Float64Array> }, symbol: string) => [
  ...(history.closes.get(symbol) ?? []),
];

describe("daily prices through the market-data service", () => {
  it("uses the service's prices while it answers, the stored ones for what it lacks, and keeps them in market_data_cache", async () => {
    const snapshot = await store().current();
    expect(snapshot).toMatchObject({ source: "service", staleAsOf: null });
    expect(closesOf(snapshot.history, "SVC")).toEqual([100, 101, 102]);
    expect(closesOf(snapshot.history, "LOC")).toEqual([10, 11, 12]);
    expect(requests).toEqual(["/v1/daily-bars?symbols=LOC%2CSVC"]);
    const cached = await marketDataCacheFetches(db.db, DAILY_BARS, ["LOC", "SVC"], NOW);
    expect([...cached.keys()].sort()).toEqual(["LOC", "SVC"]);

    // Another process (a new store) reads the table and does not ask the service again.
    const again = await store().current();
    expect(closesOf(again.history, "SVC")).toEqual([100, 101, 102]);
    expect(again.version).toBe(snapshot.version);
    expect(requests).toHaveLength(1);
  });

  it("refetches a symbol's bars once an import of that symbol dropped them", async () => {
    await store().current();
    await importMarketData(
      { db: db.db, actor: system },
      { source: "fix.csv", bars: [{ symbol: "SVC", date: "2020-01-06", close: new Decimal("12") }] },
    );
    expect([...(await marketDataCacheFetches(db.db, DAILY_BARS, ["LOC", "SVC"], NOW)).keys()]).toEqual([
      "LOC",
    ]);
    await store().current();
    expect(requests).toEqual(["/v1/daily-bars?symbols=LOC%2CSVC", "/v1/daily-bars?symbols=SVC"]);
  });

  it("falls back to the stored bars marked stale as of their last date while the service is down, and recovers", async () => {
    up = false;
    const failures: ServiceError[] = [];
    const market = store(client(), failures);
    const stale = await market.current();
    expect(stale).toMatchObject({ source: "local", staleAsOf: "2020-01-06" });
    expect(closesOf(stale.history, "SVC")).toEqual([10, 11, 12]);
    expect(failures.map((error) => error.message)).toEqual(["market-data: HTTP 503: {}"]);

    up = true;
    const fresh = await market.current();
    expect(fresh).toMatchObject({ source: "service", staleAsOf: null });
    // Figures cached on the stale data are not served on the fresh (the version is part of their key).
    expect(fresh.version).not.toBe(stale.version);
  });

  it("opens the breaker after consecutive failures: the service is no longer called, the stored bars serve", async () => {
    up = false;
    const service = client();
    const market = store(service);
    await market.current();
    await market.current();
    expect(service.state()).toBe("open");
    expect(requests).toHaveLength(2);
    up = true;
    const snapshot = await market.current();
    expect(snapshot.staleAsOf).toBe("2020-01-06");
    expect(requests).toHaveLength(2);
  });

  it("without a service configured the stored bars are the data, not marked stale", async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) };
    const snapshot = await createMarketHistory(db.db, { marketDataUrl: undefined, logger }).current();
    expect(snapshot).toMatchObject({ source: "local", staleAsOf: null });
    expect(requests).toEqual([]);

    // As a server process builds it from MARKET_DATA_URL: a fallback is logged as a warning.
    up = false;
    const configured = createMarketHistory(db.db, { marketDataUrl: baseUrl, logger });
    expect(await configured.current()).toMatchObject({ source: "local", staleAsOf: "2020-01-06" });
    expect(warnings).toHaveLength(1);
  });
});

describe("correlation_cache", () => {
  const matrix: WireOutcome = {
    ok: true,
    value: { symbols: ["LOC", "SVC"], values: [1, 0.5, 0.5, 1], observations: [2, 2, 2, 2] },
  };
  let computed = 0;
  const compute = () => {
    computed += 1;
    return Promise.resolve(matrix);
  };
  beforeEach(() => {
    computed = 0;
  });
  const read = (symbols: string[], marketVersion = "v1") =>
    correlationThroughCache(
      db.db,
      { symbols, lookbackDays: 252, marketVersion },
      { now: NOW, ttlSeconds: 3600 },
      compute,
    );

  it("computes a set once and reads it from the table after, whatever order the symbols are asked in", async () => {
    expect(await read(["LOC", "SVC"])).toEqual(matrix);
    expect(await read(["SVC", "LOC"])).toEqual(matrix);
    expect(computed).toBe(1);
    expect(await readCorrelationCache(db.db, ["SVC", "LOC"], 252, NOW)).toMatchObject({
      symbols: ["LOC", "SVC"],
      observationCount: 2,
    });
  });

  it("recomputes on other market data, and after an import of one of its symbols", async () => {
    await read(["LOC", "SVC"]);
    await read(["LOC", "SVC"], "v2");
    expect(computed).toBe(2);
    await importMarketData(
      { db: db.db, actor: system },
      { source: "fix.csv", bars: [{ symbol: "LOC", date: "2020-01-06", close: new Decimal("12") }] },
    );
    expect(await readCorrelationCache(db.db, ["LOC", "SVC"], 252, NOW)).toBeUndefined();
    await read(["LOC", "SVC"], "v2");
    expect(computed).toBe(3);
  });

  it("is dropped when a reviewer confirms a suspected move of one of its symbols", async () => {
    // SVC's close jumps 90 % on a new day: flagged on import, out of risk until confirmed.
    await importMarketData(
      { db: db.db, actor: system },
      { source: "jump.csv", bars: [{ symbol: "SVC", date: "2020-01-07", close: new Decimal("22.8") }] },
    );
    await read(["LOC", "SVC"]);
    expect(await readCorrelationCache(db.db, ["LOC", "SVC"], 252, NOW)).toBeDefined();
    await confirmSuspectMove(
      { db: db.db, actor: { actorType: "system", actorId: "reviewer", ip: null }, now: NOW },
      { symbol: "SVC", date: "2020-01-07", note: "2:1 reverse split" },
    );
    expect(await readCorrelationCache(db.db, ["LOC", "SVC"], 252, NOW)).toBeUndefined();
  });

  it("keeps no refusal", async () => {
    const refusal: WireOutcome = {
      ok: false,
      error: { kind: "invalid_input", field: "symbols", message: "symbols: SVC is listed twice" },
    };
    const outcome = await correlationThroughCache(
      db.db,
      { symbols: ["SVC", "SVC"], lookbackDays: 252, marketVersion: "v1" },
      { now: NOW, ttlSeconds: 3600 },
      () => Promise.resolve(refusal),
    );
    expect(outcome).toEqual(refusal);
    expect(await readCorrelationCache(db.db, ["SVC", "SVC"], 252, NOW)).toBeUndefined();
  });
});
