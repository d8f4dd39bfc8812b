/** The worker's snapshot job writes each account's day once per user and date, and survives a failed run. */
import { createUser } from "@nexus/db/queries/auth";
import { listPortfolioSnapshots } from "@nexus/db/queries/portfolio-snapshots";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { toDecimal } from "@nexus/core/money";
import { MarketHistoryStore, recordCashMovement } from "@nexus/services/portfolio";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { startSnapshotSchedule } from "./snapshot-schedule.js";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("worker_snapshot_schedule");
});
afterAll(async () => {
  await db.close();
});

const logger = () =>
  ({ debug: vi.fn(), warn: vi.fn() }) as unknown as Parameters<typeof startSnapshotSchedule>[0]["logger"];

it("writes today's snapshot of each account on every run, one row per user and date", async () => {
  const trader = await createUser(db.db, {
    email: "s@example.com",
    name: "S",
    role: "trader",
    passwordHash: "x",
  });
  await recordCashMovement(
    { db: db.db, actor: { actorType: "system", actorId: "test", ip: null }, now: new Date() },
    {
      userId: trader.id,
      kind: "deposit",
      amount: toDecimal("5000"),
      effectiveDate: "2026-06-01",
      note: "open",
    },
  );
  let now = new Date("2026-06-01T10:00:00Z");
  const log = logger();
  const schedule = startSnapshotSchedule({
    db: db.db,
    market: new MarketHistoryStore(db.db),
    logger: log,
    everyMs: 20,
    clock: () => now,
  });
  await vi.waitFor(() => expect(vi.mocked(log.debug).mock.calls.length).toBeGreaterThanOrEqual(2), {
    timeout: 5000,
  });
  now = new Date("2026-06-02T10:00:00Z");
  await vi.waitFor(async () => expect(await listPortfolioSnapshots(db.db, trader.id)).toHaveLength(2), {
    timeout: 5000,
  });
  await schedule.stop();
  const rows = await listPortfolioSnapshots(db.db, trader.id);
  expect(rows.map((row) => [row.asOfDate, row.cash.toFixed(), row.positionCount])).toEqual([
    ["2026-06-01", "5000", 0],
    ["2026-06-02", "5000", 0],
  ]);
  expect(log.debug).toHaveBeenCalledWith({ asOfDate: "2026-06-01", users: 1 }, "portfolio snapshots taken");
});

it("logs a failed run and keeps going", async () => {
  const log = logger();
  const market = {
    current: () => Promise.reject(new Error("bars unreadable")),
  } as unknown as MarketHistoryStore;
  const schedule = startSnapshotSchedule({ db: db.db, market, logger: log, everyMs: 20 });
  await vi.waitFor(() => expect(vi.mocked(log.warn).mock.calls.length).toBeGreaterThanOrEqual(2), {
    timeout: 5000,
  });
  await schedule.stop();
  expect(log.warn).toHaveBeenCalledWith({ err: expect.any(Error) }, "portfolio snapshots failed");
});
