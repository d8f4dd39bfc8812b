/**
 * The simulated session's API on the real Postgres: the status bar's figures as every role reads them
 * (what the workers reported lately, halts in force, the stored bars' date), and the admin's controls,
 * stored with their audit row; everyone else is refused.
 */
import { listAudit } from "@nexus/db/queries/audit";
import { upsertMarketBars } from "@nexus/db/queries/market";
import { readSimulationControl, reportWorkerStatus } from "@nexus/db/queries/simulation";
import { insertHaltUnlessActive } from "@nexus/db/queries/trading-halts";
import { createTestDatabase } from "@nexus/db/testing";
import { toDecimal } from "@nexus/core/money";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, rejection, signInEveryRole } from "../test/harness";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let sessions: Awaited<ReturnType<typeof signInEveryRole>>;
beforeAll(async () => {
  handle = await createTestDatabase("api_simulation");
  sessions = await signInEveryRole(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const as = async (role: keyof typeof sessions, now?: Date) =>
  (await callAs(handle.db, { session: sessions[role], ...(now ? { now } : {}) })).caller;

const session = {
  day: "2016-06-24",
  clock: "2016-06-24T13:45:00.000Z",
  speed: 10,
  paused: false,
  eventsPerSecond: 49.5,
};

describe("simulation.status", () => {
  it("says there is no simulated flow, and no worker, before any worker reports", async () => {
    expect(await (await as("trader")).simulation.status()).toEqual({
      workersReporting: 0,
      simulation: null,
      eventsPerSecond: 0,
      ingestLag: 0,
      bus: null,
      haltsInForce: 0,
      marketDataAsOf: null,
    });
  });

  it("adds up what the workers reported in the last 10 s, for every role", async () => {
    const now = new Date();
    await reportWorkerStatus(handle.db, {
      workerId: "w1",
      updatedAt: new Date(now.getTime() - 1_000),
      ingestEventsPerSecond: 30,
      ingestLag: 12,
      bus: "kafka",
      simulation: session,
    });
    await reportWorkerStatus(handle.db, {
      workerId: "w2",
      updatedAt: now,
      ingestEventsPerSecond: 20,
      ingestLag: 3,
      bus: "kafka",
      simulation: null,
    });
    // Gone: its figures no longer count.
    await reportWorkerStatus(handle.db, {
      workerId: "w3",
      updatedAt: new Date(now.getTime() - 11_000),
      ingestEventsPerSecond: 500,
      ingestLag: 10_000,
      bus: "in-memory",
      simulation: { ...session, day: "2012-08-13" },
    });
    await insertHaltUnlessActive(handle.db, {
      scope: "symbol",
      userId: null,
      symbol: "AAPL",
      reason: "test",
      alertId: null,
      haltedBy: null,
      haltedAt: now,
    });
    const bar = {
      open: toDecimal("1"),
      high: toDecimal("2"),
      low: toDecimal("1"),
      close: toDecimal("2"),
      volume: toDecimal("10"),
    };
    await upsertMarketBars(handle.db, [
      { symbol: "AAPL", date: "2016-06-23", ...bar },
      { symbol: "AAPL", date: "2016-06-24", ...bar },
      { symbol: "AAPL", date: "2017-08-11", ...bar },
    ]);

    for (const role of ["trader", "compliance", "ops", "admin"] as const) {
      expect(await (await as(role, now)).simulation.status()).toEqual({
        workersReporting: 2,
        simulation: session,
        eventsPerSecond: 50,
        ingestLag: 15,
        bus: "kafka",
        haltsInForce: 1,
        // The session replays 2016-06-24: the market data is what that day knows, up to the day before.
        marketDataAsOf: "2016-06-23",
      });
    }

    // No session any more: the newest stored bars.
    await reportWorkerStatus(handle.db, {
      workerId: "w1",
      updatedAt: now,
      ingestEventsPerSecond: 30,
      ingestLag: 12,
      bus: "kafka",
      simulation: null,
    });
    expect((await (await as("trader", now)).simulation.status()).marketDataAsOf).toBe("2017-08-11");
  });
});

describe("simulation.control", () => {
  it("stores the admin's pause and speed with an audit row of before and after", async () => {
    const admin = await as("admin", new Date("2026-12-07T03:00:00Z"));
    expect(await admin.simulation.control({ paused: true, speed: 10 })).toEqual({ paused: true, speed: 10 });
    expect(await admin.simulation.control({ paused: false, speed: 25 })).toEqual({
      paused: false,
      speed: 25,
    });
    expect(await readSimulationControl(handle.db)).toMatchObject({
      paused: false,
      speed: 25,
      updatedAt: new Date("2026-12-07T03:00:00Z"),
    });
    const audit = await listAudit(handle.db, { limit: 2, entityType: "simulation" });
    expect(audit.map((entry) => [entry.action, entry.details, entry.ip])).toEqual([
      [
        "simulation.control",
        { before: { paused: true, speed: 10 }, after: { paused: false, speed: 25 } },
        "203.0.113.9",
      ],
      ["simulation.control", { before: null, after: { paused: true, speed: 10 } }, "203.0.113.9"],
    ]);
  });

  it.each(["trader", "compliance", "ops"] as const)(
    "refuses %s with FORBIDDEN, changing nothing",
    async (role) => {
      const refused = await rejection((await as(role)).simulation.control({ paused: true, speed: 1 }));
      expect(refused.code).toBe("FORBIDDEN");
      expect(await readSimulationControl(handle.db)).toMatchObject({ paused: false, speed: 25 });
    },
  );

  it.each([0.5, 101])("refuses speed %d, naming the field", async (speed) => {
    const refused = await rejection((await as("admin")).simulation.control({ paused: false, speed }));
    // The server-side caller carries zod's issues; over HTTP the error formatter makes them "speed: ...".
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining('"speed"') });
    expect(await readSimulationControl(handle.db)).toMatchObject({ paused: false, speed: 25 });
  });
});
