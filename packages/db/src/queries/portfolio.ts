import { toDecimal } from "@nexus/core/money";
import type { Decimal } from "@nexus/core/money";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { appliedTrades, positions } from "../schema/index";

export type Position = typeof positions.$inferSelect;
export type PositionState = Pick<Position, "userId" | "symbol" | "quantity" | "averageCost" | "realizedPnl">;
export type TradeSide = typeof appliedTrades.$inferInsert;

/**
 * Records that one side of a trade is being applied; false when it already was (a redelivery or a
 * replay), in which case the caller must not apply it again. In the caller's transaction, so the claim
 * and the position change commit together.
 */
export async function claimTradeSide(db: Database, side: Omit<TradeSide, "appliedAt">): Promise<boolean> {
  const rows = await db
    .insert(appliedTrades)
    .values(side)
    .onConflictDoNothing()
    .returning({ tradeId: appliedTrades.tradeId });
  return rows.length === 1;
}

/** The user's position in a symbol, its row locked until the transaction ends; undefined when none. */
export async function lockPosition(
  db: Database,
  userId: string,
  symbol: string,
): Promise<Position | undefined> {
  const [row] = await db
    .select()
    .from(positions)
    .where(and(eq(positions.userId, userId), eq(positions.symbol, symbol)))
    .for("update");
  return row;
}

/**
 * Writes a position (insert or replace) with the last trade applied to it: the trade that made it, or
 * the one kept when the position is replaced from the Orders service (null when none ever was).
 */
export async function savePosition(
  db: Database,
  state: PositionState & { lastTradeId: string | null },
): Promise<void> {
  await db
    .insert(positions)
    .values(state)
    .onConflictDoUpdate({
      target: [positions.userId, positions.symbol],
      set: {
        quantity: state.quantity,
        averageCost: state.averageCost,
        realizedPnl: state.realizedPnl,
        lastTradeId: state.lastTradeId,
        updatedAt: sql`now()`,
      },
    });
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
  await db.execute(
    sql`select pg_notify(${POSITIONS_CHANNEL}, id) from unnest(array[${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}]::text[]) as id`,
  );
}
