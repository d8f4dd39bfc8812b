/** insertJsonRows on the real Postgres: what drizzle's insert would store, defaults and all, atomically. */
import { randomUUID } from "node:crypto";
import { Decimal } from "@nexus/core/money";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executionLogs, routingDecisions, venueConfigurations } from "../schema/index";
import { createTestDatabase, type TestSchema } from "../testing";
import { insertJsonRows } from "./json-rows";
import type { NewExecutionLog, NewRoutingDecision } from "./routing";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("db_json_rows");
});
afterAll(async () => {
  await db.close();
});

const T0 = new Date("2026-11-24T14:30:00.123Z");

const routed = (): NewRoutingDecision & { id: string } => ({
  id: randomUUID(),
  orderId: randomUUID(),
  userId: randomUUID(),
  symbol: "AAPL",
  side: "buy",
  quantity: new Decimal("100"),
  limitPrice: null,
  strategy: "best_price",
  outcome: "routed",
  selectedVenueId: "XNYS",
  expectedPrice: new Decimal("189.250001"),
  expectedFillRate: new Decimal("0.9512"),
  expectedLatencyMs: 2,
  expectedCost: new Decimal("18925.0001"),
  reason: 'best all-in price, "quoted"',
  excluded: [{ venueId: "XNAS", reason: "stale_quote", detail: "quote 900 ms old" }],
  decidedAt: T0,
});

describe("insertJsonRows", () => {
  it("stores rows of different column sets in one call: exact decimals, json, nulls and SQL defaults", async () => {
    const full = routed();
    // A refusal sets fewer columns: handling, outcome and the json columns take their defaults.
    const sparse: NewRoutingDecision & { id: string } = {
      id: randomUUID(),
      orderId: randomUUID(),
      userId: full.userId,
      symbol: "MSFT",
      side: "sell",
      quantity: new Decimal("0.0001"),
      strategy: "lowest_cost",
      reason: "no venue",
      decidedAt: T0,
    };
    // A third column set: the child orders of a route-and-execute.
    const executed: NewRoutingDecision & { id: string } = {
      ...sparse,
      id: randomUUID(),
      attempts: [
        { venueId: "XNYS", childOrderId: randomUUID(), outcome: "executed", latencyMs: 2, detail: "" },
      ],
    };
    await insertJsonRows(db.db, routingDecisions, []);
    await insertJsonRows(db.db, routingDecisions, [full, sparse, routed(), executed]);
    const rows = await db.db.select().from(routingDecisions).where(eq(routingDecisions.userId, full.userId));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.size).toBe(3);
    expect(byId.get(executed.id)?.attempts).toEqual(executed.attempts);
    expect(byId.get(full.id)).toMatchObject({
      limitPrice: null,
      reason: 'best all-in price, "quoted"',
      alternatives: [],
      excluded: [{ venueId: "XNAS", reason: "stale_quote", detail: "quote 900 ms old" }],
      decidedAt: T0,
    });
    expect(byId.get(full.id)?.expectedPrice?.toFixed()).toBe("189.250001");
    expect(byId.get(full.id)?.expectedCost?.toFixed()).toBe("18925.0001");
    expect(byId.get(sparse.id)).toMatchObject({
      handling: "held",
      outcome: "routed",
      splits: [],
      attempts: [],
    });
    expect(byId.get(sparse.id)?.quantity.toFixed()).toBe("0.0001");
    expect(byId.get(sparse.id)?.createdAt).toBeInstanceOf(Date);
  });

  it("stores nothing of the call when one row is refused, whatever its group", async () => {
    const decision = routed();
    await insertJsonRows(db.db, routingDecisions, [decision]);
    const leg = (overrides: Partial<NewExecutionLog>): NewExecutionLog => ({
      decisionId: decision.id,
      orderId: decision.orderId,
      venueId: "XNYS",
      status: "timeout",
      requestedQuantity: new Decimal("100"),
      executedQuantity: new Decimal("0"),
      latencyMs: 250,
      fee: new Decimal("0"),
      executionQuality: "neutral",
      executedAt: T0,
      ...overrides,
    });
    const good = leg({});
    const overfilled = leg({ id: randomUUID(), status: "filled", executedQuantity: new Decimal("200") });
    await expect(insertJsonRows(db.db, executionLogs, [good, overfilled])).rejects.toMatchObject({
      cause: expect.objectContaining({ constraint_name: "execution_logs_executed_within_requested" }),
    });
    await insertJsonRows(db.db, executionLogs, [good]);
    const stored = await db.db.select().from(executionLogs).where(eq(executionLogs.decisionId, decision.id));
    expect(stored).toHaveLength(1);
    // Left out, so the column's default: a generated id and no price improvement.
    expect(stored[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored[0]?.priceImprovement.toFixed()).toBe("0");
  });

  it("refuses a table whose defaults are computed in JavaScript, which it would not run", async () => {
    await expect(insertJsonRows(db.db, venueConfigurations, [])).rejects.toThrow(
      "venue_configurations.updated_at has a JavaScript default",
    );
  });
});
