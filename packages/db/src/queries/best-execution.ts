import { and, asc, eq, gte, lt, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import { executionLogs, marketBars, routingDecisions, users, venueMaterialAspects } from "../schema/index";

/**
 * Reads for the Rule 605/606 reports (@nexus/services/reports). Aggregation happens here, in Postgres, so
 * a quarter of a million executions arrives as a few hundred groups; the report rules (order types,
 * venue selection, net payment, rounding) stay in @nexus/core/reports.
 */

export interface Period {
  from: Date;
  to: Date;
}

/**
 * Rule 600(b) marketable-limit test on the NBBO snapshot taken at receipt, in SQL so the database can
 * group on it: the far quote (offer for a buy, bid for a sell) reached, not reached, or absent — the same
 * comparison as farQuoteOf in @nexus/core/reports (the integration test checks they agree).
 */
const d = routingDecisions;
const farQuote = sql<"reached" | "not_reached" | "absent">`case
  when ${d.limitPrice} is null then 'absent'
  when ${d.side} = 'buy' then case when ${d.nbboAskPrice} is null then 'absent'
    when ${d.limitPrice} >= ${d.nbboAskPrice} then 'reached' else 'not_reached' end
  else case when ${d.nbboBidPrice} is null then 'absent'
    when ${d.limitPrice} <= ${d.nbboBidPrice} then 'reached' else 'not_reached' end
end`;
const month = sql<number>`extract(month from ${d.decidedAt} at time zone 'UTC')::int`;
const hasLimit = sql<boolean>`${d.limitPrice} is not null`;
/** Grouped by position (GROUP BY 1, 2, ...): the parameter in this expression cannot be repeated there. */
const inSp500 = (sp500: readonly string[]) =>
  sql<boolean>`${d.symbol} = any(${sql.param([...sp500])}::text[])`;

/** Held orders the router took (refusals routed nowhere), in a period. */
const heldRoutedIn = (period: Period) =>
  and(
    gte(d.decidedAt, period.from),
    lt(d.decidedAt, period.to),
    ne(d.outcome, "refused"),
    eq(d.handling, "held"),
  );

export interface HeldOrderGroup {
  month: number;
  sp500: boolean;
  hasLimit: boolean;
  farQuote: "reached" | "not_reached" | "absent";
  orders: number;
}

/**
 * Held orders received per month, section and order-type facts. Every order is non-directed: a route
 * request cannot name a venue, the router picks it.
 */
export function countHeldOrders(
  db: Database,
  period: Period,
  sp500: readonly string[],
): Promise<HeldOrderGroup[]> {
  return db
    .select({ month, sp500: inSp500(sp500), hasLimit, farQuote, orders: sql<number>`count(*)::int` })
    .from(d)
    .where(heldRoutedIn(period))
    .groupBy(sql.raw("1, 2, 3, 4"));
}

export interface HeldRouteGroup extends HeldOrderGroup {
  venueId: string;
  executedShares: string;
  feesPaid: string;
}

/**
 * Held orders per venue they were routed to (each child order's venue: an order sent to two venues counts
 * at both), with what executed there and the fees paid (negative = rebates). Rows are counted, not
 * distinct decisions: the router sends an order's child orders each to a venue not yet tried
 * (@nexus/core/routing routeAndExecute), so a decision has one execution_logs row per venue — and
 * count(distinct) would make Postgres sort a quarter's executions instead of hashing a few groups.
 */
export function sumHeldRoutes(
  db: Database,
  period: Period,
  sp500: readonly string[],
): Promise<HeldRouteGroup[]> {
  const e = executionLogs;
  return db
    .select({
      month,
      sp500: inSp500(sp500),
      hasLimit,
      farQuote,
      venueId: e.venueId,
      orders: sql<number>`count(*)::int`,
      executedShares: sql<string>`coalesce(sum(${e.executedQuantity}), 0)::text`,
      feesPaid: sql<string>`coalesce(sum(${e.fee}), 0)::text`,
    })
    .from(e)
    .innerJoin(d, eq(d.id, e.decisionId))
    .where(heldRoutedIn(period))
    .groupBy(sql.raw("1, 2, 3, 4, 5"));
}

/** When the first order was routed (undefined before any): how far back the report quarters go. */
export async function firstRoutedAt(db: Database): Promise<Date | undefined> {
  const [row] = await db.select({ at: sql<Date | null>`min(${d.decidedAt})`.mapWith(d.decidedAt) }).from(d);
  return row?.at ?? undefined;
}

/**
 * The S&P 500 constituents the product knows: the symbols of the daily bars loaded from the shared
 * S&P 500 data set (`nexus import`), which is the index's membership over the data's years.
 */
export async function listSp500Symbols(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ symbol: marketBars.symbol }).from(marketBars);
  return rows.map((row) => row.symbol);
}

export type MaterialAspectsRow = typeof venueMaterialAspects.$inferSelect;

export function listMaterialAspects(db: Database): Promise<MaterialAspectsRow[]> {
  return db.select().from(venueMaterialAspects).orderBy(asc(venueMaterialAspects.venueId));
}

/** The venue's text, its row locked until the transaction ends, so two edits cannot interleave. */
export async function lockMaterialAspects(
  db: Database,
  venueId: string,
): Promise<MaterialAspectsRow | undefined> {
  const [row] = await db
    .select()
    .from(venueMaterialAspects)
    .where(eq(venueMaterialAspects.venueId, venueId))
    .for("update");
  return row;
}

export async function upsertMaterialAspects(
  db: Database,
  row: MaterialAspectsRow,
): Promise<MaterialAspectsRow> {
  const [saved] = await db
    .insert(venueMaterialAspects)
    .values(row)
    .onConflictDoUpdate({
      target: venueMaterialAspects.venueId,
      set: { text: row.text, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    })
    .returning();
  if (!saved) throw new Error("venue_material_aspects upsert returned no row");
  return saved;
}

/** A customer's orders decided in a period, all of them or those of one handling. */
const customerOrdersIn = (userId: string, period: Period, handling?: "held" | "not_held") =>
  and(
    eq(d.userId, userId),
    handling === undefined ? undefined : eq(d.handling, handling),
    gte(d.decidedAt, period.from),
    lt(d.decidedAt, period.to),
  );

export interface CustomerRouteRow {
  orderId: string;
  symbol: string;
  handling: "held" | "not_held";
  decidedAt: Date;
  venueId: string;
  executedQuantity: string;
  executedAt: Date;
}

/** A customer's child orders in a period, in the order they were routed (Rule 606(b)(1)). */
export function listCustomerRoutes(
  db: Database,
  userId: string,
  period: Period,
): Promise<CustomerRouteRow[]> {
  const e = executionLogs;
  return db
    .select({
      orderId: d.orderId,
      symbol: d.symbol,
      handling: d.handling,
      decidedAt: d.decidedAt,
      venueId: e.venueId,
      executedQuantity: sql<string>`${e.executedQuantity}::text`,
      executedAt: e.executedAt,
    })
    .from(e)
    .innerJoin(d, eq(d.id, e.decisionId))
    .where(customerOrdersIn(userId, period))
    .orderBy(asc(d.decidedAt), asc(d.orderId), asc(e.executedAt), asc(e.id));
}

export interface NotHeldChildRow {
  decidedAt: Date;
  side: "buy" | "sell";
  venueId: string;
  requestedQuantity: string;
  executedQuantity: string;
  executedPrice: string | null;
  fee: string;
  latencyMs: number;
  nbboBid: string | null;
  nbboAsk: string | null;
}

/** A customer's not-held orders' child orders in a period (Rule 606(b)(3)). */
export function listNotHeldChildOrders(
  db: Database,
  userId: string,
  period: Period,
): Promise<NotHeldChildRow[]> {
  const e = executionLogs;
  return db
    .select({
      decidedAt: d.decidedAt,
      side: d.side,
      venueId: e.venueId,
      requestedQuantity: sql<string>`${e.requestedQuantity}::text`,
      executedQuantity: sql<string>`${e.executedQuantity}::text`,
      executedPrice: sql<string | null>`${e.executedPrice}::text`,
      fee: sql<string>`${e.fee}::text`,
      latencyMs: e.latencyMs,
      nbboBid: sql<string | null>`${d.nbboBidPrice}::text`,
      nbboAsk: sql<string | null>`${d.nbboAskPrice}::text`,
    })
    .from(e)
    .innerJoin(d, eq(d.id, e.decisionId))
    .where(customerOrdersIn(userId, period, "not_held"))
    .orderBy(asc(d.decidedAt), asc(e.executedAt));
}

export interface SentOrdersRow {
  year: number;
  month: number;
  shares: string;
}

/** Shares of not-held orders a customer sent, per UTC month. */
export function sumNotHeldSent(db: Database, userId: string, period: Period): Promise<SentOrdersRow[]> {
  const year = sql<number>`extract(year from ${d.decidedAt} at time zone 'UTC')::int`;
  return db
    .select({ year, month, shares: sql<string>`sum(${d.quantity})::text` })
    .from(d)
    .where(customerOrdersIn(userId, period, "not_held"))
    .groupBy(year, month)
    .orderBy(year, month);
}

/** A customer by id or e-mail address: who a 606(b) request names. */
export async function findCustomer(
  db: Database,
  idOrEmail: string,
): Promise<{ id: string; name: string; email: string } | undefined> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrEmail);
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(isId ? eq(users.id, idOrEmail) : eq(users.email, idOrEmail.toLowerCase()))
    .limit(1);
  return row;
}

export interface CoveredExecutionRow {
  orderId: string;
  venueId: string;
  side: "buy" | "sell";
  orderQuantity: string;
  limitPrice: string | null;
  nbboBid: string | null;
  nbboAsk: string | null;
  decidedAt: Date;
  executedQuantity: string;
  executedPrice: string;
  executedAt: Date;
  midpointAfter15s: string | null;
  midpointAfter1m: string | null;
}

/**
 * The NBBO midpoint `offset` after each execution, from the persisted venue quotes: the best bid and
 * offer among the quotes of the 5 seconds up to that instant (the router's quote time-to-live: older
 * quotes are stale and set no NBBO); null when no venue quoted both sides then.
 */
function midpointAfter(offset: string) {
  return sql<string | null>`(select ((max(q.bid_price) + min(q.ask_price)) / 2)::text
    from quote_events q
    where q.symbol = ${d.symbol}
      and q.occurred_at > ${executionLogs.executedAt} + interval '${sql.raw(offset)}' - interval '5 seconds'
      and q.occurred_at <= ${executionLogs.executedAt} + interval '${sql.raw(offset)}'
    having count(*) > 0)`;
}

/** Executions with shares, of held orders, in a period (optionally one venue), for Rule 605 statistics. */
export function listCoveredExecutions(
  db: Database,
  period: Period,
  venueId?: string,
): Promise<CoveredExecutionRow[]> {
  const e = executionLogs;
  return db
    .select({
      orderId: d.orderId,
      venueId: e.venueId,
      side: d.side,
      orderQuantity: sql<string>`${d.quantity}::text`,
      limitPrice: sql<string | null>`${d.limitPrice}::text`,
      nbboBid: sql<string | null>`${d.nbboBidPrice}::text`,
      nbboAsk: sql<string | null>`${d.nbboAskPrice}::text`,
      decidedAt: d.decidedAt,
      executedQuantity: sql<string>`${e.executedQuantity}::text`,
      executedPrice: sql<string>`${e.executedPrice}::text`,
      executedAt: e.executedAt,
      midpointAfter15s: midpointAfter("15 seconds"),
      midpointAfter1m: midpointAfter("1 minute"),
    })
    .from(e)
    .innerJoin(d, eq(d.id, e.decisionId))
    .where(
      and(
        gte(e.executedAt, period.from),
        lt(e.executedAt, period.to),
        sql`${e.executedQuantity} > 0`,
        eq(d.handling, "held"),
        venueId === undefined ? undefined : eq(e.venueId, venueId),
      ),
    )
    .orderBy(asc(e.executedAt));
}
