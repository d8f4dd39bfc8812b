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
 * AlertNotice as JSON (built by storeAlerts' statement, json_build_object), well under NOTIFY's
 * 8,000-byte limit.
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

/** The columns an alert writes, named as stored, in the order of ALERT_RECORD's fields. */
function recordOf({ alert, detectorVersion, scanId, message }: AlertToStore) {
  return {
    id: alert.alertId,
    alert_type: alert.type,
    severity: alert.severity,
    user_id: alert.userId,
    // Alerts are raised on the user (the contract's alert has no account); docs/events.md: an account
    // defaults to its user. Accounts involved are in the evidence's timeline.
    account_id: alert.userId,
    symbol: alert.symbol,
    detected_at: alert.detectedAt,
    description: alert.description,
    evidence: alert.evidence,
    related_order_ids: alert.relatedOrderIds,
    // ratio column: 4 decimals, rounded half up like every other stored ratio; a string, so the JSON
    // carries the decimal digits and no binary float.
    confidence_score: new Decimal(alert.confidence).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(),
    recommended_action: alert.recommendedAction,
    detector_version: detectorVersion ?? null,
    first_event_at: alert.firstEventAt,
    last_event_at: alert.lastEventAt,
    update_count: alert.updates,
    scan_id: scanId ?? null,
    unpublished_message: message ?? null,
  };
}

/** The fields of recordOf's objects with their column types, for json_to_recordset. */
const ALERT_RECORD = `id uuid, alert_type alert_type, severity alert_severity, user_id uuid, account_id text,
  symbol text, detected_at timestamptz, description text, evidence jsonb, related_order_ids uuid[],
  confidence_score numeric, recommended_action text, detector_version integer, first_event_at timestamptz,
  last_event_at timestamptz, update_count integer, scan_id uuid, unpublished_message text`;
const ALERT_COLUMNS = ALERT_RECORD.split(",")
  .map((field) => field.trim().split(" ")[0])
  .join(", ");
/** What an update (a higher count) replaces: the detection's columns, never the review's. */
const UPDATED_COLUMNS = [
  "severity",
  "description",
  "evidence",
  "related_order_ids",
  "confidence_score",
  "recommended_action",
  "detected_at",
  "first_event_at",
  "last_event_at",
  "update_count",
  "unpublished_message",
]
  .map((column) => `${column} = excluded.${column}`)
  .join(", ");

/**
 * Inserts new alerts and applies updates; returns the rows that changed. An alert's id follows from
 * the pattern that opened it and `updates` counts merged evidence, so an event delivered twice, or
 * replayed after a crash, recomputes a row that is already there with the same count, and the write
 * is skipped. The review workflow's columns (status, assignee, disposition) are never touched here.
 * One entry per alert id (Postgres refuses to update a row twice in one INSERT ... ON CONFLICT); the
 * caller keeps the latest state of each (services/surveillance recordAlerts).
 *
 * One prepared statement whatever the number of alerts (the rows travel as one JSON parameter,
 * json_to_recordset), announcing the changed live alerts on ALERTS_CHANNEL in the same statement: one
 * round trip on the event -> alert path, where a transaction of an unnamed insert and a NOTIFY took five.
 */
export async function storeAlerts(
  db: Database,
  alerts: readonly AlertToStore[],
): Promise<StoredAlertState[]> {
  if (alerts.length === 0) return [];
  const rows = await executePrepared<{ id: string; update_count: number }>(
    db,
    sql`with changed as (
        insert into ${surveillanceAlerts} as stored (${sql.raw(ALERT_COLUMNS)})
        select ${sql.raw(ALERT_COLUMNS)}
          from json_to_recordset(${JSON.stringify(alerts.map(recordOf))}::json) as incoming(${sql.raw(ALERT_RECORD)})
        on conflict (id) do update set ${sql.raw(UPDATED_COLUMNS)}, updated_at = now()
          where stored.update_count < excluded.update_count
        returning id, alert_type, severity, symbol, user_id, update_count, scan_id
      ),
      notified as (
        select pg_notify(${ALERTS_CHANNEL}, json_build_object('id', id, 'type', alert_type,
          'severity', severity, 'symbol', symbol, 'userId', user_id, 'updateCount', update_count)::text)
          from changed where scan_id is null
      )
      -- The notices are queued once (an init plan run with the first row), and delivered on commit.
      select id, update_count, (select count(*) from notified) as notified from changed`,
  );
  return rows.map((row) => ({ id: row.id, updateCount: row.update_count }));
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
