import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database } from "../client";
import { surveillanceAlerts, users } from "../schema/index";

type AlertStatus = (typeof surveillanceAlerts.$inferSelect)["status"];
type AlertSeverity = (typeof surveillanceAlerts.$inferSelect)["severity"];
type AlertType = (typeof surveillanceAlerts.$inferSelect)["alertType"];

/** What the compliance queue can be narrowed to (every field optional; live alerts unless a scan is named). */
export interface AlertQueueFilter {
  statuses?: readonly AlertStatus[];
  severities?: readonly AlertSeverity[];
  types?: readonly AlertType[];
  symbol?: string;
  userId?: string;
  /** A user id, or "unassigned". */
  assignee?: string;
  /** detected_at >= from */
  from?: Date;
  /** detected_at < to */
  to?: Date;
  /** Alerts of this historical scan instead of the live ones. */
  scanId?: string;
}

/**
 * "newest": most recently detected first; "oldest": ageing, the longest waiting first; "severity":
 * triage, critical first and the longest waiting first within a severity.
 */
export type AlertQueueOrder = "newest" | "oldest" | "severity";

export interface AlertQueueRow {
  id: string;
  alertType: AlertType;
  severity: AlertSeverity;
  status: AlertStatus;
  userId: string;
  symbol: string;
  detectedAt: Date;
  description: string;
  confidenceScore: string;
  assigneeId: string | null;
  /** The assignee's name, for the queue (null when unassigned or the user no longer exists). */
  assigneeName: string | null;
  updateCount: number;
}

export interface AlertQueuePage {
  rows: AlertQueueRow[];
  /** Pass back as `after` for the next page; undefined on the last page. */
  nextCursor: string | undefined;
}

const cursorOf = (row: Pick<AlertQueueRow, "detectedAt" | "id" | "severity">) =>
  Buffer.from(`${row.detectedAt.toISOString()}|${row.id}|${row.severity}`).toString("base64url");

const SEVERITY_ORDER: readonly string[] = ["low", "medium", "high", "critical"];

function parseCursor(cursor: string): { detectedAt: Date; id: string; severity: AlertSeverity } {
  const [at, id, severity = ""] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const detectedAt = new Date(at ?? "");
  if (id === undefined || Number.isNaN(detectedAt.getTime()) || !SEVERITY_ORDER.includes(severity))
    throw new RangeError("after: not a cursor of this queue");
  return { detectedAt, id, severity: severity as AlertSeverity };
}

export function alertFilterCondition(filter: AlertQueueFilter): SQL | undefined {
  const t = surveillanceAlerts;
  return and(
    filter.scanId === undefined ? isNull(t.scanId) : eq(t.scanId, filter.scanId),
    filter.statuses?.length ? inArray(t.status, [...filter.statuses]) : undefined,
    filter.severities?.length ? inArray(t.severity, [...filter.severities]) : undefined,
    filter.types?.length ? inArray(t.alertType, [...filter.types]) : undefined,
    filter.symbol === undefined ? undefined : eq(t.symbol, filter.symbol),
    filter.userId === undefined ? undefined : eq(t.userId, filter.userId),
    filter.assignee === undefined
      ? undefined
      : filter.assignee === "unassigned"
        ? isNull(t.assigneeId)
        : eq(t.assigneeId, filter.assignee),
    filter.from === undefined ? undefined : gte(t.detectedAt, filter.from),
    filter.to === undefined ? undefined : lt(t.detectedAt, filter.to),
  );
}

/**
 * One page of the queue, keyset-paginated on (detected_at, id): each page is an index range scan from
 * the cursor, as fast on page 1,000 as on page 1 (no OFFSET).
 */
export async function alertQueuePage(
  db: Database,
  options: { filter: AlertQueueFilter; order: AlertQueueOrder; limit: number; after?: string },
): Promise<AlertQueuePage> {
  const t = surveillanceAlerts;
  const cursor = options.after === undefined ? undefined : parseCursor(options.after);
  const later = (at: { detectedAt: Date; id: string }) =>
    or(
      sql`${t.detectedAt} > ${at.detectedAt.toISOString()}`,
      and(eq(t.detectedAt, at.detectedAt), sql`${t.id} > ${at.id}`),
    );
  const beyond =
    cursor === undefined
      ? undefined
      : options.order === "newest"
        ? or(
            lt(t.detectedAt, cursor.detectedAt),
            and(eq(t.detectedAt, cursor.detectedAt), lt(t.id, cursor.id)),
          )
        : options.order === "oldest"
          ? later(cursor)
          : // Enum comparison follows the type's declared order (low < medium < high < critical).
            or(lt(t.severity, cursor.severity), and(eq(t.severity, cursor.severity), later(cursor)));
  const ordering =
    options.order === "newest"
      ? [desc(t.detectedAt), desc(t.id)]
      : options.order === "oldest"
        ? [asc(t.detectedAt), asc(t.id)]
        : [desc(t.severity), asc(t.detectedAt), asc(t.id)];
  const rows = await db
    .select({
      id: t.id,
      alertType: t.alertType,
      severity: t.severity,
      status: t.status,
      userId: t.userId,
      symbol: t.symbol,
      detectedAt: t.detectedAt,
      description: t.description,
      confidenceScore: sql<string>`${t.confidenceScore}::text`,
      assigneeId: t.assigneeId,
      assigneeName: users.name,
      updateCount: t.updateCount,
    })
    .from(t)
    .leftJoin(users, eq(users.id, t.assigneeId))
    .where(and(alertFilterCondition(options.filter), beyond))
    .orderBy(...ordering)
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > options.limit && last !== undefined ? cursorOf(last) : undefined,
  };
}

/** How many alerts match the filter in each status (the filter's own statuses are ignored). */
export async function alertCountsByStatus(
  db: Database,
  filter: AlertQueueFilter,
): Promise<Record<AlertStatus, number>> {
  const t = surveillanceAlerts;
  const rows = await db
    .select({ status: t.status, count: sql<number>`count(*)::int` })
    .from(t)
    .where(alertFilterCondition({ ...filter, statuses: [] }))
    .groupBy(t.status);
  const counts: Record<AlertStatus, number> = {
    open: 0,
    under_review: 0,
    escalated: 0,
    closed_no_action: 0,
    closed_reported: 0,
  };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/**
 * The alerts matching the filter, locked until the transaction ends, oldest first; at most `limit`
 * (the caller asks for one more than it accepts, to tell a set that is too large).
 */
export function lockAlertsMatching(tx: Database, filter: AlertQueueFilter, limit: number) {
  const t = surveillanceAlerts;
  return tx
    .select()
    .from(t)
    .where(alertFilterCondition(filter))
    .orderBy(asc(t.detectedAt), asc(t.id))
    .limit(limit)
    .for("update");
}
