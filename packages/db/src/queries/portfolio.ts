import { toDecimal } from "@nexus/core/money";
import type { Decimal } from "@nexus/core/money";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { appliedTrades, positions } from "../schema/index";
import { arrayLiteral } from "./array-literal";
import { executePrepared } from "./prepared";

export type Position = typeof positions.$inferSelect;
export type PositionState = Pick<Position, "userId" | "symbol" | "quantity" | "averageCost" | "realizedPnl">;
export type TradeSide = typeof appliedTrades.$inferInsert;

/**
 * Records that these sides of trades are being applied, in one statement; returns the ones claimed now.
 * A side claimed before (a redelivery or a replay) is left out, and so is a repeat within `sides`: the
 * caller applies exactly the sides returned. In the caller's transaction, so the claims and the position
 * changes commit together.
 */
export async function claimTradeSides(
  db: Database,
  sides: readonly Omit<TradeSide, "appliedAt">[],
): Promise<Array<Omit<TradeSide, "appliedAt">>> {
  if (sides.length === 0) return [];
  return executePrepared<Omit<TradeSide, "appliedAt">>(
    db,
    sql`
    insert into ${appliedTrades} (trade_id, user_id, side)
    select * from unnest(${arrayLiteral(sides.map((side) => side.tradeId))}::uuid[],
                         ${arrayLiteral(sides.map((side) => side.userId))}::uuid[],
                         ${arrayLiteral(sides.map((side) => side.side))}::side[])
    on conflict do nothing
    returning trade_id as "tradeId", user_id as "userId", side`,
  );
}

/** The user's position in a symbol, its row locked until the transaction ends; undefined when none. */
export async function lockPosition(
  db: Database,
  userId: string,
  symbol: string,
): Promise<Position | undefined> {
  const [row] = await lockPositions(db, [{ userId, symbol }]);
  return row;
}

/**
 * The positions of these (user, symbol) pairs that exist (a pair may repeat), their rows locked until
 * the transaction ends, in one statement; locked in (user, symbol) order, so two transactions cannot
 * wait on each other.
 */
export async function lockPositions(
  db: Database,
  repeatedPairs: readonly { userId: string; symbol: string }[],
): Promise<Position[]> {
  if (repeatedPairs.length === 0) return [];
  const pairs = [...new Map(repeatedPairs.map((pair) => [`${pair.userId}|${pair.symbol}`, pair])).values()];
  const rows = await executePrepared<{
    id: string;
    user_id: string;
    symbol: string;
    quantity: string;
    average_cost: string;
    realized_pnl: string;
    last_trade_id: string | null;
    updated_at: string;
  }>(
    db,
    sql`
    select p.id, p.user_id, p.symbol, p.quantity::text as quantity, p.average_cost::text as average_cost,
           p.realized_pnl::text as realized_pnl, p.last_trade_id, p.updated_at
      from ${positions} p
      join unnest(${arrayLiteral(pairs.map((pair) => pair.userId))}::uuid[],
                  ${arrayLiteral(pairs.map((pair) => pair.symbol))}::text[]) as pair(user_id, symbol)
        on p.user_id = pair.user_id and p.symbol = pair.symbol
     order by p.user_id, p.symbol
       for update of p`,
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    symbol: row.symbol,
    quantity: toDecimal(row.quantity),
    averageCost: toDecimal(row.average_cost),
    realizedPnl: toDecimal(row.realized_pnl),
    lastTradeId: row.last_trade_id,
    updatedAt: new Date(row.updated_at),
  }));
}

/**
 * Writes a position (insert or replace) with the last trade applied to it: the trade that made it, or
 * the one kept when the position is replaced from the Orders service (null when none ever was).
 */
export function savePosition(
  db: Database,
  state: PositionState & { lastTradeId: string | null },
): Promise<void> {
  return savePositions(db, [state]);
}

/** Writes positions as savePosition does, in one statement; at most one state per (user, symbol). */
export async function savePositions(
  db: Database,
  states: readonly (PositionState & { lastTradeId: string | null })[],
): Promise<void> {
  if (states.length === 0) return;
  const decimals = (read: (state: PositionState) => Decimal) =>
    arrayLiteral(states.map((state) => read(state).toFixed()));
  await executePrepared(
    db,
    sql`
    insert into ${positions} (user_id, symbol, quantity, average_cost, realized_pnl, last_trade_id)
    select * from unnest(${arrayLiteral(states.map((state) => state.userId))}::uuid[],
                         ${arrayLiteral(states.map((state) => state.symbol))}::text[],
                         ${decimals((state) => state.quantity)}::numeric[],
                         ${decimals((state) => state.averageCost)}::numeric[],
                         ${decimals((state) => state.realizedPnl)}::numeric[],
                         ${arrayLiteral(states.map((state) => state.lastTradeId))}::uuid[])
    on conflict (user_id, symbol) do update
       set quantity = excluded.quantity, average_cost = excluded.average_cost,
           realized_pnl = excluded.realized_pnl, last_trade_id = excluded.last_trade_id, updated_at = now()`,
  );
}

/** Every position of a user, closed ones (quantity 0, realized P&L kept) included, by symbol. */
export function listPositions(db: Database, userId: string): Promise<Position[]> {
  return db.select().from(positions).where(eq(positions.userId, userId)).orderBy(asc(positions.symbol));
}

/**
 * The user's open positions with the last trade price of each symbol (null when never traded), in one
 * round trip: what a risk figure's book needs (issue 14: the five-year returns within 20 ms), where
 * listPositions and then lastTradePrices were two in a row.
 */
export async function listOpenPositionsWithMarks(
  db: Database,
  userId: string,
): Promise<Array<{ symbol: string; quantity: Decimal; averageCost: Decimal; lastPrice: Decimal | null }>> {
  const rows = await db.execute<{
    symbol: string;
    quantity: string;
    average_cost: string;
    price: string | null;
  }>(sql`
    select p.symbol, p.quantity::text as quantity, p.average_cost::text as average_cost, t.price::text as price
    from ${positions} p
    left join lateral (
      select price from trade_events where symbol = p.symbol order by occurred_at desc limit 1
    ) t on true
    where p.user_id = ${userId} and p.quantity <> 0
    order by p.symbol`);
  return rows.map((row) => ({
    symbol: row.symbol,
    quantity: toDecimal(row.quantity),
    averageCost: toDecimal(row.average_cost),
    lastPrice: row.price === null ? null : toDecimal(row.price),
  }));
}

/**
 * The last trade price of each symbol before `before` (all trades when not given), through the
 * (symbol, occurred_at) index: one index probe per symbol. Symbols never traded are absent.
 */
export async function lastTradePrices(
  db: Database,
  symbols: readonly string[],
  before?: Date,
): Promise<Map<string, Decimal>> {
  if (symbols.length === 0) return new Map();
  const rows = await db.execute<{ symbol: string; price: string }>(sql`
    select s.symbol, t.price::text as price
    from unnest(array[${sql.join(
      symbols.map((symbol) => sql`${symbol}`),
      sql`, `,
    )}]::text[]) as s(symbol)
    join lateral (
      select price from trade_events
      where symbol = s.symbol ${before === undefined ? sql`` : sql`and occurred_at < ${before.toISOString()}`}
      order by occurred_at desc limit 1
    ) t on true`);
  return new Map(rows.map((row) => [row.symbol, toDecimal(row.price)]));
}

function versionQuery(db: Database) {
  return db
    .select({
      count: sql<string>`count(*)::text`,
      last: sql<string | null>`max(${positions.updatedAt})::text`,
    })
    .from(positions)
    .where(eq(positions.userId, sql.placeholder("userId")))
    .prepare("positions_version");
}

/**
 * Built once per database: every cached risk figure is checked against this version, so it is read on
 * every request, and drizzle spent ~0.4 ms of CPU building its SQL each time (issue 14, warm VaR p95).
 */
const versionQueries = new WeakMap<Database, ReturnType<typeof versionQuery>>();

/** A fingerprint of a user's positions: it changes with every trade applied to them. */
export async function positionsVersion(db: Database, userId: string): Promise<string> {
  let query = versionQueries.get(db);
  if (query === undefined) {
    query = versionQuery(db);
    versionQueries.set(db, query);
  }
  const [row] = await query.execute({ userId });
  return `${row?.count ?? 0}.${row?.last ?? ""}`;
}

/**
 * Each transaction that changes users' positions announces their ids on this channel when it commits
 * (NOTIFY is delivered on commit only, so a rolled-back batch announces nothing): the web app pushes the
 * change to the users' open Portfolio screens without polling.
 */
export const POSITIONS_CHANNEL = "nexus_positions";

/** NOTIFY POSITIONS_CHANNEL with each user id, inside the caller's transaction. */
export async function notifyPositionsChanged(db: Database, userIds: Iterable<string>): Promise<void> {
  const ids = [...userIds];
  if (ids.length === 0) return;
  await executePrepared(
    db,
    sql`select pg_notify(${POSITIONS_CHANNEL}, id) from unnest(${arrayLiteral(ids)}::text[]) as id`,
  );
}
