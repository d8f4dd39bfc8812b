/**
 * The embedded demo's traders get books for the routed flow, with what they hold already, and opening
 * capital; other roles and disabled traders do not.
 */
import { createUser } from "@nexus/db/queries/auth";
import { listCashMovements } from "@nexus/db/queries/cash-movements";
import { savePosition } from "@nexus/db/queries/portfolio";
import { toDecimal } from "@nexus/core/money";
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

it("gives each enabled trader a book of eight liquid names, a different one each, as held so far", async () => {
  const make = (email: string, role: "trader" | "ops") =>
    createUser(db.db, { email, name: email, role, passwordHash: "not used" });
  const first = await make("t1@example.com", "trader");
  const second = await make("t2@example.com", "trader");
  await make("ops@example.com", "ops");
  const gone = await make("t3@example.com", "trader");
  await db.sql`update users set disabled_at = now() where id = ${gone.id}`;
  // An earlier start bought some AAPL (and sold all its JPM): the book carries on from there.
  const position = (symbol: string, quantity: string) =>
    savePosition(db.db, {
      userId: first.id,
      symbol,
      quantity: toDecimal(quantity),
      averageCost: toDecimal("95"),
      realizedPnl: toDecimal("0"),
      lastTradeId: null,
    });
  await position("AAPL", "700");
  await position("JPM", "0");

  const now = new Date("2026-12-07T09:00:00Z");
  const holders = await demoPortfolioHolders(db.db, now);
  expect(holders.map((holder) => holder.userId).sort()).toEqual([first.id, second.id].sort());
  for (const holder of holders) expect(new Set(holder.symbols).size).toBe(8);
  expect(holders[0]?.symbols).not.toEqual(holders[1]?.symbols);
  const held = (userId: string) => holders.find((holder) => holder.userId === userId)?.held;
  expect(held(first.id)).toEqual(
    new Map([
      ["AAPL", 700],
      ["JPM", 0],
    ]),
  );
  expect(held(second.id)).toEqual(new Map());

  // Each trader is funded once, however often the worker starts.
  await demoPortfolioHolders(db.db, new Date("2026-12-08T09:00:00Z"));
  const movements = await listCashMovements(db.db, first.id);
  expect(movements).toMatchObject([
    { kind: "deposit", effectiveDate: "2026-12-07", createdBy: "system:simulator" },
  ]);
  expect(movements[0]?.amount.toFixed()).toBe(OPENING_DEPOSIT);
  expect(await listCashMovements(db.db, gone.id)).toEqual([]);
});
