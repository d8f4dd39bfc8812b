/** The routing queries on the real Postgres: which halt stops an order, and the venue execution summary. */
import { randomUUID } from "node:crypto";
import { Decimal } from "@nexus/core/money";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tradingHalts } from "../schema/index";
import { createTestDatabase, type TestSchema } from "../testing";
import {
  countRoutingDecisions,
  listActiveHaltsFor,
  listRoutingDecisions,
  recordRoutingDecisions,
  summarizeVenueExecutions,
  type NewExecutionLog,
  type NewRoutingDecision,
} from "./routing";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("db_routing");
});
afterAll(async () => {
  await db.close();
});

const d = (value: string) => new Decimal(value);
const T0 = new Date("2026-11-24T14:30:00.000Z");

function decision(overrides: Partial<NewRoutingDecision> = {}): NewRoutingDecision {
  return {
    id: randomUUID(),
    orderId: randomUUID(),
    userId: randomUUID(),
    symbol: "AAPL",
    side: "buy",
    quantity: d("100"),
    strategy: "best_price",
    outcome: "routed",
    selectedVenueId: "XNYS",
    expectedPrice: d("189.25"),
    reason: "best all-in price",
    decidedAt: T0,
    ...overrides,
  };
}

function execution(decisionId: string, overrides: Partial<NewExecutionLog> = {}): NewExecutionLog {
  return {
    decisionId,
    orderId: randomUUID(),
    venueId: "XNYS",
    status: "filled",
    requestedQuantity: d("100"),
    executedQuantity: d("100"),
    executedPrice: d("189.25"),
    latencyMs: 2,
    fee: d("0.1"),
    priceImprovement: d("0.01"),
    executionQuality: "good",
    executedAt: T0,
    ...overrides,
  };
}

describe("listActiveHaltsFor", () => {
  it("lists the active halts of the users or symbols, oldest first, and never a lifted one", async () => {
    const userId = randomUUID();
    const symbol = `H${randomUUID().slice(0, 5).toUpperCase()}`;
    const ids = async (targets: { userIds: string[]; symbols: string[] }) =>
      (await listActiveHaltsFor(db.db, targets)).map((halt) => halt.reason);
    await db.db.insert(tradingHalts).values([
      { scope: "symbol", symbol, reason: "lifted", status: "lifted", liftedAt: T0, haltedAt: T0 },
      { scope: "user_symbol", userId, symbol, reason: "pair", haltedAt: T0 },
      { scope: "user", userId, reason: "user", haltedAt: new Date(T0.getTime() - 1_000) },
      {
        scope: "symbol",
        symbol: `${symbol}X`,
        reason: "other symbol",
        haltedAt: new Date(T0.getTime() + 1_000),
      },
    ]);
    expect(await ids({ userIds: [userId], symbols: [] })).toEqual(["user", "pair"]);
    expect(await ids({ userIds: [randomUUID()], symbols: [symbol] })).toEqual(["pair"]);
    expect(await ids({ userIds: [randomUUID()], symbols: [`${symbol}X`, symbol] })).toEqual([
      "pair",
      "other symbol",
    ]);
    expect(await ids({ userIds: [randomUUID()], symbols: ["NONE"] })).toEqual([]);
  });
});

describe("the decision log", () => {
  it("stores a decision with its executions in one transaction: a refused execution stores neither", async () => {
    const refused = decision();
    await expect(
      recordRoutingDecisions(db.db, [
        { decision: decision(), executions: [] },
        { decision: refused, executions: [execution(refused.id ?? "", { executedQuantity: d("200") })] },
      ]),
    ).rejects.toThrow();
    expect((await listRoutingDecisions(db.db, { limit: 100 })).some((row) => row.id === refused.id)).toBe(
      false,
    );
  });

  it("summarizes each venue's child orders: fill rate, latency quantiles, improvement and net fees", async () => {
    const since = new Date(T0.getTime() - 1);
    const first = decision({ selectedVenueId: "XBOS" });
    await recordRoutingDecisions(db.db, []);
    await recordRoutingDecisions(db.db, [
      {
        decision: first,
        executions: [
          execution(first.id ?? "", {
            venueId: "XBOS",
            status: "timeout",
            executedQuantity: d("0"),
            executedPrice: null,
            fee: d("0"),
            priceImprovement: d("0"),
            latencyMs: 250,
            executionQuality: "neutral",
          }),
          execution(first.id ?? "", { venueId: "XCHI", latencyMs: 4 }),
        ],
      },
    ]);
    const second = decision({ selectedVenueId: "XCHI" });
    await recordRoutingDecisions(db.db, [
      {
        decision: second,
        executions: [
          execution(second.id ?? "", {
            venueId: "XCHI",
            requestedQuantity: d("300"),
            executedQuantity: d("100"),
            status: "partially_filled",
            fee: d("-0.2"),
            priceImprovement: d("0"),
            latencyMs: 8,
          }),
        ],
      },
    ]);
    await recordRoutingDecisions(db.db, [
      {
        decision: decision({ outcome: "refused", selectedVenueId: null, expectedPrice: null }),
        executions: [],
      },
    ]);
    const summary = await summarizeVenueExecutions(db.db, since);
    const xchi = summary.find((s) => s.venueId === "XCHI");
    expect(xchi).toMatchObject({
      childOrders: 2,
      failures: 0,
      requestedQuantity: "400.0000",
      executedQuantity: "200.0000",
      fillRate: 0.5,
      latencyP50Ms: 6,
      netFees: "-0.1000",
    });
    expect(Number(xchi?.priceImprovementPerShare)).toBeCloseTo(0.005, 10);
    expect(summary.find((s) => s.venueId === "XBOS")).toMatchObject({
      failures: 1,
      fillRate: 0,
      priceImprovementPerShare: null,
    });

    const counts = await countRoutingDecisions(db.db, since);
    expect(counts).toMatchObject({ routed: 2, refused: 1, byVenue: { XBOS: 1, XCHI: 1 } });
    expect(await listRoutingDecisions(db.db, { limit: 10, venueId: "XCHI" })).toHaveLength(1);
    expect(await listRoutingDecisions(db.db, { limit: 10, symbol: "MSFT" })).toHaveLength(0);
    expect(await listRoutingDecisions(db.db, { limit: 10, before: T0 })).toHaveLength(0);
  });
});
