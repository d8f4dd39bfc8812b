import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { Decimal } from "@nexus/core/money";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { surveillanceAlerts } from "../schema/index";
import { arrayLiteral } from "./array-literal";
import { executePrepared } from "./prepared";

export type AlertRow = typeof surveillanceAlerts.$inferSelect;

/**
 * Each new or updated live alert is announced on this channel when it commits (NOTIFY is delivered on
 * commit only), so the web app pushes it to the open workspaces without polling. The payload is an
 * AlertNotice as JSON, well under NOTIFY's 8,000-byte limit.
 */
export const ALERTS_CHANNEL = "nexus_alerts";

export interface AlertNotice {
  id: string;
  type: AlertRow["alertType"];
  severity: AlertRow["severity"];
  symbol: string;
  userId: string;
  updateCount: number;
}

export interface AlertToStore {
  alert: SurveillanceAlert;
  /** Version of detector_configs the engine ran with. */
  detectorVersion?: number;
  /** Set for alerts of a historical scan. */
  scanId?: string;
}

function rowOf({ alert, detectorVersion, scanId }: AlertToStore): typeof surveillanceAlerts.$inferInsert {
  return {
    id: alert.alertId,
    alertType: alert.type,
    severity: alert.severity,
    userId: alert.userId,
    // Alerts are raised on the user (the contract's alert has no account); docs/events.md: an account
    // defaults to its user. Accounts involved are in the evidence's timeline.
    accountId: alert.userId,
    symbol: alert.symbol,
    detectedAt: new Date(alert.detectedAt),
    description: alert.description,
    evidence: alert.evidence,
    relatedOrderIds: alert.relatedOrderIds,
    // ratio column: 4 decimals, rounded half up like every other stored ratio.
    confidenceScore: new Decimal(alert.confidence).toDecimalPlaces(4, Decimal.ROUND_HALF_UP),
    recommendedAction: alert.recommendedAction,
    detectorVersion: detectorVersion ?? null,
    firstEventAt: new Date(alert.firstEventAt),
    lastEventAt: new Date(alert.lastEventAt),
    updateCount: alert.updates,
    scanId: scanId ?? null,
  };
}

/**
 * Inserts new alerts and applies updates; returns how many rows changed. An alert's id follows from
 * the pattern that opened it and `updates` counts merged evidence, so an event delivered twice, or
 * replayed after a crash, recomputes a row that is already there with the same count, and the write
 * is skipped. The review workflow's columns (status, assignee, disposition) are never touched here.
 * One entry per alert id (Postgres refuses to update a row twice in one INSERT ... ON CONFLICT); the
 * caller keeps the latest state of each (services/surveillance recordAlerts).
 */
export async function storeAlerts(db: Database, alerts: readonly AlertToStore[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(surveillanceAlerts)
      .values(alerts.map(rowOf))
      .onConflictDoUpdate({
        target: surveillanceAlerts.id,
        set: {
          severity: excluded("severity"),
          description: excluded("description"),
          evidence: excluded("evidence"),
          relatedOrderIds: excluded("related_order_ids"),
          confidenceScore: excluded("confidence_score"),
          recommendedAction: excluded("recommended_action"),
          detectedAt: excluded("detected_at"),
          firstEventAt: excluded("first_event_at"),
          lastEventAt: excluded("last_event_at"),
          updateCount: excluded("update_count"),
          updatedAt: sql`now()`,
        },
        setWhere: sql`${surveillanceAlerts.updateCount} < excluded.update_count`,
      })
      .returning({
        id: surveillanceAlerts.id,
        type: surveillanceAlerts.alertType,
        severity: surveillanceAlerts.severity,
        symbol: surveillanceAlerts.symbol,
        userId: surveillanceAlerts.userId,
        updateCount: surveillanceAlerts.updateCount,
        scanId: surveillanceAlerts.scanId,
      });
    const notices = rows.filter((row) => row.scanId === null).map(({ scanId: _scanId, ...notice }) => notice);
    if (notices.length > 0)
      await executePrepared(
        tx,
        sql`select pg_notify(${ALERTS_CHANNEL}, notice) from unnest(${arrayLiteral(
          notices.map((notice) => JSON.stringify(notice satisfies AlertNotice)),
        )}::text[]) as notice`,
      );
    return rows.length;
  });
}

/** The stored update count of each of the alerts that exist. */
export async function storedUpdateCounts(db: Database, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  // One array parameter: the same text for any number of ids, so it is prepared once (prepared.ts).
  const rows = await executePrepared<{ id: string; update_count: number }>(
    db,
    sql`select id, update_count from ${surveillanceAlerts} where id = any(${arrayLiteral(ids)}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, row.update_count]));
}

export async function findAlert(db: Database, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(surveillanceAlerts).where(eq(surveillanceAlerts.id, id));
  return row;
}

/** The alerts, locked until the transaction ends (a review step reads and writes one state). */
export function lockAlerts(tx: Database, ids: readonly string[]): Promise<AlertRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(surveillanceAlerts)
    .where(inArray(surveillanceAlerts.id, [...ids]))
    .for("update");
}

export type AlertWorkflowChange = Partial<
  Pick<
    AlertRow,
    "status" | "assigneeId" | "dispositionBy" | "dispositionAt" | "dispositionReason" | "dispositionNotes"
  >
>;

export async function updateAlertWorkflow(
  tx: Database,
  id: string,
  change: AlertWorkflowChange,
): Promise<AlertRow> {
  const [row] = await tx
    .update(surveillanceAlerts)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(surveillanceAlerts.id, id))
    .returning();
  if (row === undefined) throw new Error(`surveillance_alerts ${id} vanished inside its lock`);
  return row;
}
