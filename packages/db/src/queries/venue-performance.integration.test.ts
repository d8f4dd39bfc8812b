/** venue_performance aggregated on the real Postgres: which executions fall in which UTC period. */
import { randomUUID } from "node:crypto";
import { Decimal } from "@nexus/core/money";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestSchema } from "../testing";
import { recordRoutingDecisions, type NewExecutionLog } from "./routing";
import { aggregateVenuePerformance, listVenuePerformance, type PerformancePeriod } from "./venue-performance";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("db_venue_perf");
});
afterAll(async () => {
  await db.close();
});

const d = (value: string) => new Decimal(value);

/** One routed order per execution time, at `venueId`. */
async function executeAt(venueId: string, times: readonly string[]): Promise<void> {
  await recordRoutingDecisions(
    db.db,
    times.map((time) => {
      const id = randomUUID();
      const execution: NewExecutionLog = {
        decisionId: id,
        orderId: randomUUID(),
        venueId,
        status: "filled",
        requestedQuantity: d("100"),
        executedQuantity: d("100"),
        executedPrice: d("189.25"),
        latencyMs: 2,
        fee: d("0.1"),
        executionQuality: "good",
        executedAt: new Date(time),
      };
      return {
        decision: {
          id,
          orderId: execution.orderId,
          userId: randomUUID(),
          symbol: "AAPL",
          side: "buy",
          quantity: d("100"),
          strategy: "best_price",
          outcome: "routed",
          selectedVenueId: venueId,
          expectedPrice: d("189.25"),
          reason: "best all-in price",
          decidedAt: new Date(time),
        },
        executions: [execution],
      };
    }),
  );
}

/** The stored orders per period start of these venues, as "venue period-start: orders". */
async function stored(periodType: PerformancePeriod, venues: readonly string[]): Promise<string[]> {
  const rows = await listVenuePerformance(db.db, { periodType, since: new Date(0) });
  return rows
    .filter((row) => venues.includes(row.venueId))
    .map((row) => `${row.venueId} ${row.periodStart.toISOString()}: ${row.orderCount}`);
}

const venue = () => `V${randomUUID().slice(0, 8).toUpperCase()}`;

describe("aggregateVenuePerformance", () => {
  // Each case's executions at two venues, so the walk over the venues finds more than one.
  it.each([
    {
      what: "counts a UTC day from its first instant up to, not including, the next midnight",
      periodType: "day" as const,
      times: [
        "2026-11-23T23:59:59.999Z",
        "2026-11-24T00:00:00.000Z",
        "2026-11-24T12:00:00.000Z",
        "2026-11-24T23:59:59.999Z",
        "2026-11-25T00:00:00.000Z",
      ],
      from: "2026-11-24T00:00:00.000Z",
      to: "2026-11-25T00:00:00.000Z",
      orders: { "2026-11-24T00:00:00.000Z": 3 },
    },
    {
      // As the worker's schedule asks for hours: from two hours ago (mid-hour), to the end of the day.
      what: "takes every period that starts in [from, to), whole, when the bounds fall inside periods",
      periodType: "hour" as const,
      times: [
        "2026-11-24T09:59:59.999Z",
        "2026-11-24T10:00:00.000Z",
        "2026-11-24T11:30:00.000Z",
        "2026-11-24T12:59:59.999Z",
        "2026-11-24T13:00:00.000Z",
      ],
      from: "2026-11-24T10:20:00.000Z",
      to: "2026-11-24T12:30:00.000Z",
      orders: { "2026-11-24T10:00:00.000Z": 1, "2026-11-24T11:00:00.000Z": 1, "2026-11-24T12:00:00.000Z": 1 },
    },
    {
      what: "keeps calendar months across a year end",
      periodType: "month" as const,
      times: [
        "2026-11-30T23:59:59.999Z",
        "2026-12-01T00:00:00.000Z",
        "2027-01-31T23:59:59.999Z",
        "2027-02-01T00:00:00.000Z",
      ],
      from: "2026-12-15T00:00:00.000Z",
      to: "2027-01-10T00:00:00.000Z",
      orders: { "2026-12-01T00:00:00.000Z": 1, "2027-01-01T00:00:00.000Z": 1 },
    },
  ])("$what", async ({ periodType, times, from, to, orders }) => {
    const venues = [venue(), venue()].sort();
    for (const v of venues) await executeAt(v, times);
    await aggregateVenuePerformance(db.db, periodType, new Date(from), new Date(to));
    // Oldest period first, then by venue, as listVenuePerformance orders them.
    const want = Object.entries(orders).flatMap(([start, count]) =>
      venues.map((v) => `${v} ${start}: ${count}`),
    );
    expect(await stored(periodType, venues)).toEqual(want);
  });
});
