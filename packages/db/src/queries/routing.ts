import { and, asc, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { executionLogs, routingDecisions, tradingHalts, venueConfigurations } from "../schema/index";
import { insertJsonRows } from "./json-rows";
import type { HaltRow } from "./trading-halts";

export type VenueConfiguration = typeof venueConfigurations.$inferSelect;
export type NewVenueConfiguration = typeof venueConfigurations.$inferInsert;
/** What ops may change on a venue; its id and type are its identity and stay. */
export type VenueConfigurationChange = Partial<
  Pick<
    VenueConfiguration,
    | "name"
    | "enabled"
    | "makerFee"
    | "takerFee"
    | "minOrderSize"
    | "maxOrderSize"
    | "expectedLatencyMs"
    | "supportedSymbols"
    | "priority"
  >
>;
export type RoutingDecisionRow = typeof routingDecisions.$inferSelect;
export type NewRoutingDecision = typeof routingDecisions.$inferInsert;
export type ExecutionLogRow = typeof executionLogs.$inferSelect;
export type NewExecutionLog = typeof executionLogs.$inferInsert;

export function listVenueConfigurations(db: Database): Promise<VenueConfiguration[]> {
  return db.select().from(venueConfigurations).orderBy(asc(venueConfigurations.venueId));
}

export async function insertVenueConfiguration(
  db: Database,
  venue: NewVenueConfiguration,
): Promise<VenueConfiguration> {
  const [row] = await db.insert(venueConfigurations).values(venue).returning();
  if (!row) throw new Error("venue_configurations insert returned no row");
  return row;
}

/** The venue's configuration, its row locked until the transaction ends (so two edits cannot interleave). */
export async function lockVenueConfiguration(
  db: Database,
  venueId: string,
): Promise<VenueConfiguration | undefined> {
  const [row] = await db
    .select()
    .from(venueConfigurations)
    .where(eq(venueConfigurations.venueId, venueId))
    .limit(1)
    .for("update");
  return row;
}

export async function updateVenueConfiguration(
  db: Database,
  venueId: string,
  change: VenueConfigurationChange,
): Promise<VenueConfiguration> {
  const [row] = await db
    .update(venueConfigurations)
    .set(change)
    .where(eq(venueConfigurations.venueId, venueId))
    .returning();
  if (!row) throw new Error(`no venue configuration ${venueId}`);
  return row;
}

/**
 * Announced by trading_halts' trigger (migration 0018) on commit of any insert, update or delete, so
 * routers holding the active halts in memory read them again (services' halt-snapshot.ts).
 */
export const TRADING_HALTS_CHANNEL = "nexus_trading_halts";

/**
 * The active trading halts that may stop these users or symbols, oldest first: every active halt of one
 * of the users (their whole book, or them in a symbol) or of one of the symbols. The caller matches each
 * order against them (one query serves the orders of many concurrent requests).
 */
export function listActiveHaltsFor(
  db: Database,
  targets: { userIds: readonly string[]; symbols: readonly string[] },
): Promise<HaltRow[]> {
  return db
    .select()
    .from(tradingHalts)
    .where(
      and(
        eq(tradingHalts.status, "active"),
        or(
          inArray(tradingHalts.userId, [...targets.userIds]),
          inArray(tradingHalts.symbol, [...targets.symbols]),
        ),
      ),
    )
    .orderBy(asc(tradingHalts.haltedAt), asc(tradingHalts.id));
}

/** A routing decision and the execution reports of its child orders (none for a route without execution). */
export interface DecisionRecord {
  decision: NewRoutingDecision;
  executions: readonly NewExecutionLog[];
}

/**
 * Decisions and their execution reports, in one transaction: all or nothing. Decisions alone are one
 * statement (json-rows.ts), atomic by itself (one WAL flush for the lot).
 */
export async function recordRoutingDecisions(
  db: Database,
  records: readonly DecisionRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const decisions = records.map((record) => record.decision);
  const executions = records.flatMap((record) => record.executions);
  if (executions.length === 0) {
    await insertJsonRows(db, routingDecisions, decisions);
    return;
  }
  await db.transaction(async (tx) => {
    await insertJsonRows(tx, routingDecisions, decisions);
    await insertJsonRows(tx, executionLogs, executions);
  });
}

/** Newest first; pass the last row's decidedAt as `before` for the next page. */
export function listRoutingDecisions(
  db: Database,
  options: { limit: number; before?: Date; symbol?: string; venueId?: string },
): Promise<RoutingDecisionRow[]> {
  return db
    .select()
    .from(routingDecisions)
    .where(
      and(
        options.before === undefined ? undefined : lt(routingDecisions.decidedAt, options.before),
        options.symbol === undefined ? undefined : eq(routingDecisions.symbol, options.symbol),
        options.venueId === undefined ? undefined : eq(routingDecisions.selectedVenueId, options.venueId),
      ),
    )
    .orderBy(desc(routingDecisions.decidedAt), desc(routingDecisions.id))
    .limit(options.limit);
}

/** One decision with its execution reports (oldest first), or undefined. */
export async function findRoutingDecision(
  db: Database,
  id: string,
): Promise<{ decision: RoutingDecisionRow; executions: ExecutionLogRow[] } | undefined> {
  const [decision] = await db.select().from(routingDecisions).where(eq(routingDecisions.id, id)).limit(1);
  if (decision === undefined) return undefined;
  const executions = await db
    .select()
    .from(executionLogs)
    .where(eq(executionLogs.decisionId, id))
    .orderBy(asc(executionLogs.executedAt), asc(executionLogs.createdAt));
  return { decision, executions };
}

export interface DecisionCounts {
  decisions: number;
  routed: number;
  split: number;
  refused: number;
  /** Refused because of an active trading halt. */
  halted: number;
  byStrategy: Record<string, number>;
  byVenue: Record<string, number>;
}

/** Decision counts since `since`, over every process that routed (the log, not one router's memory). */
export async function countRoutingDecisions(db: Database, since: Date): Promise<DecisionCounts> {
  const rows = await db
    .select({
      outcome: routingDecisions.outcome,
      strategy: routingDecisions.strategy,
      venueId: routingDecisions.selectedVenueId,
      halted: sql<boolean>`${routingDecisions.haltId} is not null`,
      count: sql<number>`count(*)::int`,
    })
    .from(routingDecisions)
    .where(gte(routingDecisions.decidedAt, since))
    .groupBy(
      routingDecisions.outcome,
      routingDecisions.strategy,
      routingDecisions.selectedVenueId,
      sql`${routingDecisions.haltId} is not null`,
    );
  const counts: DecisionCounts = {
    decisions: 0,
    routed: 0,
    split: 0,
    refused: 0,
    halted: 0,
    byStrategy: {},
    byVenue: {},
  };
  for (const row of rows) {
    counts.decisions += row.count;
    counts[row.outcome] += row.count;
    if (row.halted) counts.halted += row.count;
    counts.byStrategy[row.strategy] = (counts.byStrategy[row.strategy] ?? 0) + row.count;
    if (row.venueId !== null) counts.byVenue[row.venueId] = (counts.byVenue[row.venueId] ?? 0) + row.count;
  }
  return counts;
}

/** Rule 605-style quality of one venue's child orders over a period (execution_logs). */
export interface VenueExecutionSummary {
  venueId: string;
  childOrders: number;
  /** Child orders that failed (timeout, error, reject): the router failed over from them. */
  failures: number;
  requestedQuantity: string;
  executedQuantity: string;
  /** executed / requested shares; 0 without requests. */
  fillRate: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Volume-weighted price improvement per share against the NBBO at decision. */
  priceImprovementPerShare: string | null;
  /** Signed sum of fees (negative = net rebate). */
  netFees: string;
}

export async function summarizeVenueExecutions(db: Database, since: Date): Promise<VenueExecutionSummary[]> {
  const l = executionLogs;
  const rows = await db
    .select({
      venueId: l.venueId,
      childOrders: sql<number>`count(*)::int`,
      failures: sql<number>`(count(*) filter (where ${l.status} in ('timeout', 'error', 'rejected')))::int`,
      requestedQuantity: sql<string>`sum(${l.requestedQuantity})::text`,
      executedQuantity: sql<string>`sum(${l.executedQuantity})::text`,
      latencyP50Ms: sql<number | null>`percentile_cont(0.5) within group (order by ${l.latencyMs})`,
      latencyP99Ms: sql<number | null>`percentile_cont(0.99) within group (order by ${l.latencyMs})`,
      priceImprovementPerShare: sql<
        string | null
      >`round(sum(${l.priceImprovement} * ${l.executedQuantity}) / nullif(sum(${l.executedQuantity}), 0), 6)::text`,
      netFees: sql<string>`sum(${l.fee})::text`,
    })
    .from(l)
    .where(gte(l.executedAt, since))
    .groupBy(l.venueId)
    .orderBy(asc(l.venueId));
  return rows.map((row) => {
    const requested = Number(row.requestedQuantity);
    return {
      ...row,
      // A ratio for display; the quantities themselves stay exact strings.
      fillRate: requested === 0 ? 0 : Number(row.executedQuantity) / requested,
      latencyP50Ms: row.latencyP50Ms === null ? null : Number(row.latencyP50Ms),
      latencyP99Ms: row.latencyP99Ms === null ? null : Number(row.latencyP99Ms),
    };
  });
}
