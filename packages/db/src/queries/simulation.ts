import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { marketBars, simulationControls, tradingHalts, workerStatus } from "../schema/index";

export type SimulationControlRow = typeof simulationControls.$inferSelect;
export type WorkerStatusRow = typeof workerStatus.$inferSelect;

/**
 * The channel the worker running the simulator LISTENs on: a change of the controls commits with a
 * NOTIFY (delivered on commit only, so a rolled-back change announces nothing).
 */
export const SIMULATION_CONTROL_CHANNEL = "nexus_simulation_control";

export async function readSimulationControl(db: Database): Promise<SimulationControlRow | undefined> {
  const [row] = await db.select().from(simulationControls);
  return row;
}

/** Stores the controls (the one row) and tells the workers, on commit; run it inside the audited transaction. */
export async function saveSimulationControl(
  tx: Database,
  control: Omit<SimulationControlRow, "id">,
): Promise<SimulationControlRow> {
  const [row] = await tx
    .insert(simulationControls)
    .values({ id: 1, ...control })
    .onConflictDoUpdate({ target: simulationControls.id, set: control })
    .returning();
  if (row === undefined) throw new Error("simulation_controls upsert returned no row");
  await tx.execute(sql`select pg_notify(${SIMULATION_CONTROL_CHANNEL}, 'changed')`);
  return row;
}

/** A worker's report of the moment (its row replaced). */
export async function reportWorkerStatus(db: Database, status: WorkerStatusRow): Promise<void> {
  const { workerId: _key, ...values } = status;
  await db
    .insert(workerStatus)
    .values(status)
    .onConflictDoUpdate({ target: workerStatus.workerId, set: values });
}

/** Drops a stopping worker's row. */
export async function removeWorkerStatus(db: Database, workerId: string): Promise<void> {
  await db.delete(workerStatus).where(eq(workerStatus.workerId, workerId));
}

/** Drops the rows of workers gone without a word (killed, crashed) since before `staleBefore`. */
export async function pruneWorkerStatus(db: Database, staleBefore: Date): Promise<void> {
  await db.delete(workerStatus).where(lt(workerStatus.updatedAt, staleBefore));
}

export interface SessionFigures {
  /** Rows of the workers that reported since `since`. */
  workers: WorkerStatusRow[];
  haltsInForce: number;
  /** The newest date of the stored daily bars the risk figures are valued on; null before any import. */
  marketDataAsOf: string | null;
}

/** The simulated sessions, as reported, of the workers that reported one since `since`. */
export async function listReportedSimulations(db: Database, since: Date): Promise<unknown[]> {
  const rows = await db
    .select({ simulation: workerStatus.simulation })
    .from(workerStatus)
    .where(and(sql`${workerStatus.updatedAt} >= ${since.toISOString()}`, isNotNull(workerStatus.simulation)));
  return rows.map((row) => row.simulation);
}

/** The newest date of the stored daily bars, or of those before `before` (YYYY-MM-DD); null when none. */
export async function lastMarketBarDate(db: Database, before?: string): Promise<string | null> {
  const [row] = await db
    .select({ last: sql<string | null>`max(${marketBars.date})::text` })
    .from(marketBars)
    .where(before === undefined ? undefined : lt(marketBars.date, before));
  return row?.last ?? null;
}

/** What the status bar shows, in one round trip per figure. */
export async function readSessionFigures(db: Database, since: Date): Promise<SessionFigures> {
  const [workers, [halts], bars] = await Promise.all([
    db
      .select()
      .from(workerStatus)
      .where(sql`${workerStatus.updatedAt} >= ${since.toISOString()}`),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(tradingHalts)
      .where(eq(tradingHalts.status, "active")),
    lastMarketBarDate(db),
  ]);
  return { workers, haltsInForce: halts?.count ?? 0, marketDataAsOf: bars };
}
