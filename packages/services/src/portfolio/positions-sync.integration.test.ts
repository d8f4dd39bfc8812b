/** Syncing a trader's positions from the Orders service, against the real Postgres. */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { createUser } from "@nexus/db/queries/auth";
import { listAuditOf } from "@nexus/db/queries/audit";
import { POSITIONS_CHANNEL, listPositions } from "@nexus/db/queries/portfolio";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { MemoryCache } from "@nexus/platform/cache";
import { ServiceUnavailableError } from "@nexus/platform/http";
import type { ServicePosition } from "@nexus/platform/http/orders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, ChangeContext } from "../context";
import { applyExecutedTrades } from "./apply-trades";
import { syncPositionsFromOrders } from "./positions-sync";
import { portfolioCachePrefix } from "./risk-cache";

let db: TestSchema;
const ops: Actor = { actorType: "user", actorId: randomUUID(), ip: "10.0.0.1" };
const context = (): ChangeContext => ({ db: db.db, actor: ops, now: new Date("2026-06-01T12:00:00Z") });

beforeAll(async () => {
  db = await createTestDatabase("services_positions_sync");
});
afterAll(async () => {
  await db.close();
});

const newTrader = async () =>
  (
    await createUser(db.db, {
      email: `${randomUUID()}@example.com`,
      name: "Sync",
      role: "trader",
      passwordHash: "x",
    })
  ).id;

/** `buyer` buys `quantity` of `symbol` at `price`, applied as the worker applies trades; the trade's id. */
async function buy(buyer: string, symbol: string, quantity: string, price: string): Promise<string> {
  const trade: TradeExecutedEvent = {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: "2026-06-01T15:00:00.000Z",
    trade_id: randomUUID(),
    symbol,
    price,
    quantity,
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: buyer,
    sell_user_id: randomUUID(),
    aggressor_side: "buy",
  };
  await applyExecutedTrades(db.db, [trade]);
  return trade.trade_id;
}

const serviceOf = (positions: ServicePosition[]) => ({ positions: () => Promise.resolve(positions) });

/** The book as a user sees it: symbol -> [quantity, average cost, realized P&L, last trade]. */
async function book(userId: string) {
  return Object.fromEntries(
    (await listPositions(db.db, userId)).map((p) => [
      p.symbol,
      [p.quantity.toFixed(), p.averageCost.toFixed(), p.realizedPnl.toFixed(), p.lastTradeId],
    ]),
  );
}

const syncAudit = (userId: string) => listAuditOf(db.db, { entityType: "positions", entityId: userId });

describe("syncPositionsFromOrders", () => {
  it("replaces the differing positions, closes the ones the service does not list, with one audit row", async () => {
    const trader = await newTrader();
    const aaaTrade = await buy(trader, "AAA", "100", "10");
    const bbbTrade = await buy(trader, "BBB", "50", "20");
    const cccTrade = await buy(trader, "CCC", "10", "5");
    const cache = new MemoryCache();
    await cache.set(`${portfolioCachePrefix(trader)}var`, { var95: "1" }, 60);
    const heard: string[] = [];
    const listener = await db.sql.listen(POSITIONS_CHANNEL, (userId) => heard.push(userId));

    const synced = await syncPositionsFromOrders(
      context(),
      serviceOf([
        { symbol: "AAA", quantity: "100", average_cost: "10", realized_pnl: "0" },
        { symbol: "BBB", quantity: "-30", average_cost: "21.5", realized_pnl: "12.50" },
        { symbol: "DDD", quantity: "7", average_cost: "3.25", realized_pnl: "0" },
      ]),
      cache,
      trader,
    );

    expect(synced.changed.map((change) => change.symbol)).toEqual(["BBB", "CCC", "DDD"]);
    expect(await book(trader)).toEqual({
      AAA: ["100", "10", "0", aaaTrade],
      BBB: ["-30", "21.5", "12.5", bbbTrade],
      CCC: ["0", "0", "0", cccTrade],
      DDD: ["7", "3.25", "0", null],
    });
    const [audit, ...more] = await syncAudit(trader);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ action: "positions.sync", actorId: ops.actorId, ip: "10.0.0.1" });
    expect(audit?.details).toEqual({
      source: "orders",
      changed: [
        {
          symbol: "BBB",
          before: { quantity: "50", averageCost: "20", realizedPnl: "0" },
          after: { quantity: "-30", averageCost: "21.5", realizedPnl: "12.5" },
        },
        {
          symbol: "CCC",
          before: { quantity: "10", averageCost: "5", realizedPnl: "0" },
          after: { quantity: "0", averageCost: "0", realizedPnl: "0" },
        },
        { symbol: "DDD", before: null, after: { quantity: "7", averageCost: "3.25", realizedPnl: "0" } },
      ],
    });
    expect(await cache.get(`${portfolioCachePrefix(trader)}var`)).toBeUndefined();
    await expect.poll(() => heard.includes(trader)).toBe(true);
    await listener.unlisten();
  });

  it("keeps the realized P&L of a position the service no longer lists, and changes nothing the second time", async () => {
    const trader = await newTrader();
    await buy(trader, "AAA", "100", "10");
    // Sold at 12 through the service: flat there, 200 realized here.
    await syncPositionsFromOrders(
      context(),
      serviceOf([{ symbol: "AAA", quantity: "0", average_cost: "0", realized_pnl: "200" }]),
      undefined,
      trader,
    );
    const cache = new MemoryCache();
    await cache.set(`${portfolioCachePrefix(trader)}var`, { var95: "1" }, 60);
    const again = await syncPositionsFromOrders(context(), serviceOf([]), cache, trader);
    expect(again.changed).toEqual([]);
    expect((await book(trader)).AAA?.slice(0, 3)).toEqual(["0", "0", "200"]);
    expect(await syncAudit(trader)).toHaveLength(2);
    expect(await cache.get(`${portfolioCachePrefix(trader)}var`)).toEqual({ var95: "1" });
  });

  it("refuses an account that is no trader's, and one that does not exist, changing nothing", async () => {
    const admin = (
      await createUser(db.db, {
        email: `${randomUUID()}@example.com`,
        name: "Admin",
        role: "admin",
        passwordHash: "x",
      })
    ).id;
    const listing = serviceOf([{ symbol: "AAA", quantity: "1", average_cost: "1", realized_pnl: "0" }]);
    for (const userId of [admin, randomUUID()]) {
      await expect(syncPositionsFromOrders(context(), listing, undefined, userId)).rejects.toMatchObject({
        problem: "unknown_account",
        field: "userId",
      });
      expect(await book(userId)).toEqual({});
      expect(await syncAudit(userId)).toEqual([]);
    }
  });

  it("changes nothing when the service is down, naming it", async () => {
    const trader = await newTrader();
    await buy(trader, "AAA", "100", "10");
    const before = await book(trader);
    const down = { positions: () => Promise.reject(new ServiceUnavailableError("orders")) };
    const refusal = syncPositionsFromOrders(context(), down, undefined, trader);
    await expect(refusal).rejects.toMatchObject({ problem: "orders_unavailable" });
    await expect(refusal).rejects.toThrow(/Orders service.*orders: service unavailable/);
    expect(await book(trader)).toEqual(before);
    expect(await syncAudit(trader)).toEqual([]);
  });

  it("lets any other failure of the source through as a fault", async () => {
    const trader = await newTrader();
    const broken = { positions: () => Promise.reject(new TypeError("bug")) };
    await expect(syncPositionsFromOrders(context(), broken, undefined, trader)).rejects.toThrow(TypeError);
  });

  it("rolls the positions back when the audit row cannot be written", async () => {
    const trader = await newTrader();
    await buy(trader, "AAA", "100", "10");
    const before = await book(trader);
    await db.sql.unsafe(`
      create or replace function refuse_sync_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'positions.sync' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$;
      create trigger refuse_sync_audit before insert on audit_log
        for each row execute function refuse_sync_audit();`);
    try {
      await expect(syncPositionsFromOrders(context(), serviceOf([]), undefined, trader)).rejects.toThrow(
        /insert into "audit_log"/,
      );
    } finally {
      await db.sql.unsafe("drop trigger refuse_sync_audit on audit_log");
    }
    expect(await book(trader)).toEqual(before);
  });
});
