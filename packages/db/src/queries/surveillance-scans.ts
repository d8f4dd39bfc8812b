import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { surveillanceScans } from "../schema/index";

export type ScanRow = typeof surveillanceScans.$inferSelect;
export type NewScan = Pick<
  typeof surveillanceScans.$inferInsert,
  | "id"
  | "periodStart"
  | "periodEnd"
  | "symbols"
  | "userIds"
  | "requestedBy"
  | "status"
  | "finishedAt"
  | "fannedOutAt"
>;

export async function insertScan(db: Database, scan: NewScan): Promise<ScanRow> {
  const [row] = await db.insert(surveillanceScans).values(scan).returning();
  if (row === undefined) throw new Error("surveillance_scans insert returned no row");
  return row;
}

export async function findScan(db: Database, id: string): Promise<ScanRow | undefined> {
  const [row] = await db.select().from(surveillanceScans).where(eq(surveillanceScans.id, id));
  return row;
}

export function listScans(db: Database, limit: number): Promise<ScanRow[]> {
  return db.select().from(surveillanceScans).orderBy(desc(surveillanceScans.startedAt)).limit(limit);
}

/**
 * Adds one finished symbol to the scan's counters (atomically: symbols of one scan finish on several
 * workers at once) and completes the scan with its last symbol.
 */
export async function addScannedSymbol(
  db: Database,
  progress: { id: string; events: number; alerts: number; at: Date },
): Promise<ScanRow | undefined> {
  const [row] = await db
    .update(surveillanceScans)
    .set({
      symbolsDone: sql`${surveillanceScans.symbolsDone} + 1`,
      eventsScanned: sql`${surveillanceScans.eventsScanned} + ${progress.events}`,
      alertsRaised: sql`${surveillanceScans.alertsRaised} + ${progress.alerts}`,
      status: sql`case when ${surveillanceScans.symbolsDone} + 1 >= cardinality(${surveillanceScans.symbols}) then 'completed'::scan_status else ${surveillanceScans.status} end`,
      finishedAt: sql`case when ${surveillanceScans.symbolsDone} + 1 >= cardinality(${surveillanceScans.symbols}) then ${progress.at.toISOString()}::timestamptz else null end`,
    })
    .where(eq(surveillanceScans.id, progress.id))
    .returning();
  return row;
}

/**
 * Claims the fan-out of running scans nobody has fanned out yet (at most one claimant per scan, however
 * many workers were told); returns the scans claimed.
 */
export function claimScansToFanOut(db: Database, at: Date): Promise<ScanRow[]> {
  return db
    .update(surveillanceScans)
    .set({ fannedOutAt: at })
    .where(and(eq(surveillanceScans.status, "running"), isNull(surveillanceScans.fannedOutAt)))
    .returning();
}

export async function failScan(
  db: Database,
  failure: { id: string; error: string; at: Date },
): Promise<void> {
  await db
    .update(surveillanceScans)
    .set({ status: "failed", error: failure.error, finishedAt: failure.at })
    .where(eq(surveillanceScans.id, failure.id));
}

/** Symbols with order or trade events in [from, to), sorted. */
export async function symbolsTradedBetween(
  db: Database,
  period: { from: Date; to: Date },
): Promise<string[]> {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const rows = await db.execute<{ symbol: string }>(sql`
    select symbol from order_events where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz
    union
    select symbol from trade_events where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz
    order by symbol`);
  return [...rows].map((row) => row.symbol);
}
