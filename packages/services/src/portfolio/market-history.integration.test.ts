/** The in-process price history follows the stored bars and their reviews, and re-reads only then. */
import { Decimal } from "@nexus/core/money";
import { confirmMarketBarFlag, flagSuspectMoves, upsertMarketBars } from "@nexus/db/queries/market";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportWorkerStatus } from "@nexus/db/queries/simulation";
import { MarketHistoryStore, createMarketHistory } from "./market-history";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("services_market_history");
});
afterAll(async () => {
  await db.close();
});

const bar = (date: string, close: string) => ({ symbol: "XYZ", date, close: new Decimal(close) });

describe("MarketHistoryStore", () => {
  it("keeps one snapshot until the data changes and the recheck is due, leaving out suspected bars", async () => {
    let now = 0;
    const store = new MarketHistoryStore(db.db, { recheckMs: 1000, monotonicNow: () => now });
    await upsertMarketBars(db.db, [bar("2020-01-02", "10"), bar("2020-01-03", "10.5")]);
    const first = await store.current();
    expect(first.history.dates).toEqual(["2020-01-02", "2020-01-03"]);
    expect(await store.current()).toBe(first);

    // A glitch: the close jumps 90 % and is flagged; risk must not see that bar.
    await upsertMarketBars(db.db, [bar("2020-01-06", "19.95")]);
    await flagSuspectMoves(db.db, ["XYZ"], 0.4);
    expect(await store.current()).toBe(first); // not due yet
    now = 1500;
    const second = await store.current();
    expect(second.version).not.toBe(first.version);
    expect(second.history.dates).toEqual(["2020-01-02", "2020-01-03"]);

    now = 3000; // due, but nothing changed: the same snapshot
    expect(await store.current()).toBe(second);

    // Confirmed real: the bar is back, and its move is marked as one the engine may use.
    await confirmMarketBarFlag(db.db, {
      symbol: "XYZ",
      date: "2020-01-06",
      confirmedBy: "user:reviewer",
      confirmedAt: new Date(),
      note: "2:1 reverse split",
    });
    now = 5000;
    const third = await store.current();
    expect(third.history.dates).toEqual(["2020-01-02", "2020-01-03", "2020-01-06"]);
    expect(third.history.confirmedMoves).toEqual(new Map([["XYZ", new Set(["2020-01-06"])]]));
  });

  it("follows an import in progress every few seconds, then settles to the recheck interval", async () => {
    const fresh = await createTestDatabase("services_market_arriving");
    try {
      let now = 0;
      const store = new MarketHistoryStore(fresh.db, { monotonicNow: () => now });
      expect((await store.current()).history.dates).toEqual([]);
      await upsertMarketBars(fresh.db, [bar("2020-01-02", "10")]);
      now = 2_500; // nothing stored yet at the last look: looked at again after 2 s, not 60
      expect((await store.current()).history.dates).toEqual(["2020-01-02"]);
      await upsertMarketBars(fresh.db, [bar("2020-01-03", "10.5")]);
      now = 5_000; // still arriving
      expect((await store.current()).history.dates).toHaveLength(2);
      now = 7_500; // the same as 2.5 s ago: settled
      const settled = await store.current();
      await upsertMarketBars(fresh.db, [bar("2020-01-06", "10.7")]);
      now = 10_000;
      expect(await store.current()).toBe(settled);
      now = 68_000;
      expect((await store.current()).history.dates).toHaveLength(3);
    } finally {
      await fresh.close();
    }
  });

  it("does not keep a failed read", async () => {
    let now = 0;
    const broken = new MarketHistoryStore(
      { execute: () => Promise.reject(new Error("database away")) } as unknown as TestSchema["db"],
      { monotonicNow: () => now },
    );
    await expect(broken.current()).rejects.toThrow("database away");
    now = 1;
    await expect(broken.current()).rejects.toThrow("database away");
  });

  it("under a simulated session, holds only the dates before the day it replays, and follows that day", async () => {
    const fresh = await createTestDatabase("services_market_session");
    try {
      await upsertMarketBars(fresh.db, [
        bar("2020-01-02", "10"),
        bar("2020-01-03", "10.5"),
        bar("2020-01-06", "11"),
      ]);
      let day: string | null = "2020-01-06";
      const store = new MarketHistoryStore(fresh.db, { sessionDay: async () => day });
      const onTheSixth = await store.current();
      expect(onTheSixth.history.dates).toEqual(["2020-01-02", "2020-01-03"]);
      expect([...(onTheSixth.history.closes.get("XYZ") ?? [])]).toEqual([10, 10.5]);
      expect(await store.current()).toBe(onTheSixth);

      day = "2020-01-03"; // the session moved on to... an earlier day: a new session
      expect((await store.current()).history.dates).toEqual(["2020-01-02"]);
      day = null; // no session any more: every date
      const all = await store.current();
      expect(all.history.dates).toHaveLength(3);
      expect(all.version).not.toBe(onTheSixth.version);
    } finally {
      await fresh.close();
    }
  });

  it("takes the session's day from what the workers report, asked again after a second", async () => {
    const fresh = await createTestDatabase("services_market_reported");
    try {
      await upsertMarketBars(fresh.db, [bar("2020-01-02", "10"), bar("2020-01-03", "10.5")]);
      const store = createMarketHistory(fresh.db, {
        marketDataUrl: undefined,
        logger: { warn: () => undefined },
      });
      expect((await store.current()).history.dates).toHaveLength(2);
      await reportWorkerStatus(fresh.db, {
        workerId: "w1",
        updatedAt: new Date(),
        ingestEventsPerSecond: 50,
        ingestLag: 0,
        bus: "in-memory",
        simulation: {
          day: "2020-01-03",
          clock: "2020-01-03T14:30:00.000Z",
          speed: 1,
          paused: false,
          eventsPerSecond: 50,
        },
      });
      await expect
        .poll(async () => (await store.current()).history.dates, { timeout: 3_000, interval: 100 })
        .toEqual(["2020-01-02"]);
    } finally {
      await fresh.close();
    }
  });
});
