import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { Decimal } from "@nexus/core/money";
import { and, asc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
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
  /** The surveillance.alerts message of this state, to publish (live alerts; see unpublishedMessage). */
  message?: string;
}

/** A row a store inserted or updated: the alert and the update count it now holds. */
export interface StoredAlertState {
  id: string;
  updateCount: number;
}

function rowOf({
  alert,
  detectorVersion,
  scanId,
  message,
}: AlertToStore): typeof surveillanceAlerts.$inferInsert {
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
    unpublishedMessage: message ?? null,
  };
}

/**
 * Inserts new alerts and applies updates; returns the rows that changed. An alert's id follows from
 * the pattern that opened it and `updates` counts merged evidence, so an event delivered twice, or
 * replayed after a crash, recomputes a row that is already there with the same count, and the write
 * is skipped. The review workflow's columns (status, assignee, disposition) are never touched here.
 * One entry per alert id (Postgres refuses to update a row twice in one INSERT ... ON CONFLICT); the
 * caller keeps the latest state of each (services/surveillance recordAlerts).
 */
export async function storeAlerts(
  db: Database,
  alerts: readonly AlertToStore[],
): Promise<StoredAlertState[]> {
  if (alerts.length === 0) return [];
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
          unpublishedMessage: excluded("unpublished_message"),
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
    return rows.map(({ id, updateCount }) => ({ id, updateCount }));
  });
}

/**
 * Marks the alerts' messages published: each row's message is cleared if the row still holds that
 * update count (a later update stored meanwhile keeps its own message, to publish).
 */
export async function markAlertsPublished(db: Database, states: readonly StoredAlertState[]): Promise<void> {
  if (states.length === 0) return;
  // Two array parameters: the same text for any number of alerts, so it is prepared once (prepared.ts).
  await executePrepared(
    db,
    sql`update ${surveillanceAlerts} set unpublished_message = null
      from unnest(${arrayLiteral(states.map((state) => state.id))}::uuid[],
        ${arrayLiteral(states.map((state) => String(state.updateCount)))}::integer[]) as published(id, update_count)
      where ${surveillanceAlerts.id} = published.id and ${surveillanceAlerts.updateCount} = published.update_count`,
  );
}

/** A stored alert state whose message is not yet published. */
export interface UnpublishedAlert extends StoredAlertState {
  symbol: string;
  message: string;
}

/**
 * Live alerts whose message has waited at least until `storedBefore` to be published (the outbox's
 * round leaves the ones the pipeline is publishing right now alone), oldest first.
 */
export async function listUnpublishedAlerts(
  db: Database,
  options: { storedBefore: Date; limit: number },
): Promise<UnpublishedAlert[]> {
  const rows = await db
    .select({
      id: surveillanceAlerts.id,
      updateCount: surveillanceAlerts.updateCount,
      symbol: surveillanceAlerts.symbol,
      message: surveillanceAlerts.unpublishedMessage,
    })
    .from(surveillanceAlerts)
    .where(
      and(
        isNotNull(surveillanceAlerts.unpublishedMessage),
        lt(surveillanceAlerts.updatedAt, options.storedBefore),
      ),
    )
    .orderBy(asc(surveillanceAlerts.updatedAt))
    .limit(options.limit);
  return rows.map((row) => ({ ...row, message: row.message as string }));
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
