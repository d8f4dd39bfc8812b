/**
 * The embedded demo's traders get books in the simulated flow and opening capital; other roles and
 * disabled traders do not.
 */
import { createUser } from "@nexus/db/queries/auth";
import { listCashMovements } from "@nexus/db/queries/cash-movements";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OPENING_DEPOSIT, demoPortfolioHolders } from "./demo-holders.js";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("worker_demo_holders");
});
afterAll(async () => {
  await db.close();
});

it("gives each enabled trader a book of eight liquid names, a different one each", async () => {
  const make = (email: string, role: "trader" | "ops") =>
    createUser(db.db, { email, name: email, role, passwordHash: "not used" });
  const first = await make("t1@example.com", "trader");
  const second = await make("t2@example.com", "trader");
  await make("ops@example.com", "ops");
  const gone = await make("t3@example.com", "trader");
  await db.sql`update users set disabled_at = now() where id = ${gone.id}`;

  const now = new Date("2026-12-07T09:00:00Z");
  const holders = await demoPortfolioHolders(db.db, now);
  expect(holders.map((holder) => holder.user.userId).sort()).toEqual([first.id, second.id].sort());
  for (const holder of holders) expect(new Set(holder.symbols).size).toBe(8);
  expect(holders[0]?.symbols).not.toEqual(holders[1]?.symbols);

  // Each trader is funded once, however often the worker starts.
  await demoPortfolioHolders(db.db, new Date("2026-12-08T09:00:00Z"));
  const movements = await listCashMovements(db.db, first.id);
  expect(movements).toMatchObject([
    { kind: "deposit", effectiveDate: "2026-12-07", createdBy: "system:simulator" },
  ]);
  expect(movements[0]?.amount.toFixed()).toBe(OPENING_DEPOSIT);
  expect(await listCashMovements(db.db, gone.id)).toEqual([]);
});
