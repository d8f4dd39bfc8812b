/**
 * portfolio.syncPositions and portfolio.syncAvailable against the real Postgres: who may sync whose
 * book, what the caller hears when no Orders service is configured or it is down, and the REST route.
 */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { listAuditOf } from "@nexus/db/queries/audit";
import { listPositions } from "@nexus/db/queries/portfolio";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { ServiceUnavailableError } from "@nexus/platform/http";
import type { ServicePosition } from "@nexus/platform/http/orders";
import { applyExecutedTrades } from "@nexus/services/portfolio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller, createTRPCContext } from "./index";
import { createRestHandler } from "./openapi";
import type { ContextDeps } from "./trpc";
import { createUserWithRole, rejection, signIn, testDeps } from "../test/harness";

let db: TestSchema;
const roles = ["owner", "otherTrader", "compliance", "admin", "ops"] as const;
type Who = (typeof roles)[number];
const sessions = {} as Record<Who, string>;
let ownerId = "";
const keys = { sync: "", read: "" };

/** The Orders service's answer for every user: one AAA position. */
const listing: ServicePosition[] = [{ symbol: "AAA", quantity: "40", average_cost: "99", realized_pnl: "5" }];
const serviceUp = { positions: () => Promise.resolve(listing) };

beforeAll(async () => {
  db = await createTestDatabase("api_portfolio_sync");
  for (const who of roles) {
    const role = who === "owner" || who === "otherTrader" ? "trader" : who;
    const user = await createUserWithRole(db.db, role);
    if (who === "owner") ownerId = user.id;
    sessions[who] = await signIn(db.db, user.email, user.password);
  }
  const admin = await as("admin");
  keys.sync = (await admin.apiKeys.create({ name: "orders-sync", scopes: ["portfolio:sync"] })).key;
  keys.read = (await admin.apiKeys.create({ name: "risk-dashboard", scopes: ["portfolio:read"] })).key;
});
afterAll(async () => {
  await db.close();
});

/** A caller signed in as `who`, in a process whose Orders service is `orders` (none when undefined). */
async function as(who: Who, { orders }: Pick<ContextDeps, "orders"> = { orders: serviceUp }) {
  const headers = new Headers({ cookie: `nexus_session=${sessions[who]}`, "x-forwarded-for": "203.0.113.9" });
  return createCaller(
    await createTRPCContext({ ...testDeps(db.db), orders, headers, resHeaders: new Headers() }),
  );
}

async function holdAaa(userId: string): Promise<void> {
  const trade: TradeExecutedEvent = {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: new Date().toISOString(),
    trade_id: randomUUID(),
    symbol: "AAA",
    price: "100",
    quantity: "100",
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: userId,
    sell_user_id: randomUUID(),
    aggressor_side: "buy",
  };
  await applyExecutedTrades(db.db, [trade]);
}

const aaaOf = async (userId: string) =>
  (await listPositions(db.db, userId)).find((p) => p.symbol === "AAA")?.quantity.toFixed();

describe("portfolio.syncPositions", () => {
  it("lets the owner sync their own book: positions replaced, the outcome counted, audited", async () => {
    await holdAaa(ownerId);
    const synced = await (await as("owner")).portfolio.syncPositions({ userId: ownerId });
    expect(synced).toMatchObject({ userId: ownerId, updated: 1, changed: [{ symbol: "AAA" }] });
    expect(await aaaOf(ownerId)).toBe("40");
    const [audit] = await listAuditOf(db.db, { entityType: "positions", entityId: ownerId });
    expect(audit).toMatchObject({ action: "positions.sync", actorType: "user", ip: "203.0.113.9" });
    expect(await (await as("owner")).portfolio.syncPositions({ userId: ownerId })).toMatchObject({
      updated: 0,
    });
  });

  it("lets ops and admin sync any trader's book", async () => {
    for (const who of ["ops", "admin"] as const) {
      const trader = (await createUserWithRole(db.db, "trader")).id;
      await holdAaa(trader);
      expect(await (await as(who)).portfolio.syncPositions({ userId: trader })).toMatchObject({ updated: 1 });
      expect(await aaaOf(trader)).toBe("40");
    }
  });

  it("refuses another trader (existing book or guessed id) and compliance, changing nothing", async () => {
    const other = await as("otherTrader");
    for (const userId of [ownerId, randomUUID()]) {
      expect(await rejection(other.portfolio.syncPositions({ userId }))).toMatchObject({
        code: "FORBIDDEN",
        message: "Traders may open only their own portfolio.",
      });
    }
    expect(
      (await rejection((await as("compliance")).portfolio.syncPositions({ userId: ownerId }))).code,
    ).toBe("FORBIDDEN");
  });

  it("says how to configure the service when ORDERS_SERVICE_URL is not set", async () => {
    const refusal = await rejection((await as("ops", {})).portfolio.syncPositions({ userId: ownerId }));
    expect(refusal).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(refusal.message).toContain("ORDERS_SERVICE_URL");
  });

  it("answers SERVICE_UNAVAILABLE naming the service when it is down, and NOT_FOUND for no trader", async () => {
    const down = { positions: () => Promise.reject(new ServiceUnavailableError("orders")) };
    const refusal = await rejection(
      (await as("ops", { orders: down })).portfolio.syncPositions({ userId: ownerId }),
    );
    expect(refusal.code).toBe("SERVICE_UNAVAILABLE");
    expect(refusal.message).toContain("Orders service");
    const nobody = await rejection((await as("ops")).portfolio.syncPositions({ userId: randomUUID() }));
    expect(nobody.code).toBe("NOT_FOUND");
  });

  it("validates the user id", async () => {
    expect((await rejection((await as("ops")).portfolio.syncPositions({ userId: "42" }))).code).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("portfolio.syncAvailable", () => {
  it("offers the sync to who may sync, where the service is configured", async () => {
    const available = async (who: Who, deps: Pick<ContextDeps, "orders">) =>
      (await (await as(who, deps)).portfolio.syncAvailable({ userId: ownerId })).available;
    expect(await available("owner", { orders: serviceUp })).toBe(true);
    expect(await available("admin", { orders: serviceUp })).toBe(true);
    expect(await available("compliance", { orders: serviceUp })).toBe(false);
    expect(await available("owner", {})).toBe(false);
    expect(
      (await rejection((await as("otherTrader")).portfolio.syncAvailable({ userId: ownerId }))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("REST POST /portfolio/{userId}/sync-positions", () => {
  const post = (key: string, userId: string) =>
    createRestHandler({ ...testDeps(db.db), orders: serviceUp })(
      new Request(`http://localhost/api/v1/portfolio/${userId}/sync-positions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: "{}",
      }),
    );

  it("syncs for a service holding portfolio:sync, and for no other key", async () => {
    const trader = (await createUserWithRole(db.db, "trader")).id;
    await holdAaa(trader);
    const response = await post(keys.sync, trader);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ userId: trader, updated: 1 });
    expect((await post(keys.read, trader)).status).toBe(403);
  });

  it("answers 503 when the Orders service is down", async () => {
    const down = { positions: () => Promise.reject(new ServiceUnavailableError("orders")) };
    const response = await createRestHandler({ ...testDeps(db.db), orders: down })(
      new Request(`http://localhost/api/v1/portfolio/${ownerId}/sync-positions`, {
        method: "POST",
        headers: { authorization: `Bearer ${keys.sync}`, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(response.status).toBe(503);
  });
});
