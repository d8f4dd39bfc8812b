/** The in-process price history follows the stored bars and their reviews, and re-reads only then. */
import { Decimal } from "@nexus/core/money";
import { confirmMarketBarFlag, flagSuspectMoves, upsertMarketBars } from "@nexus/db/queries/market";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MarketHistoryStore } from "./market-history";

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
});
