import { and, gte, inArray, isNull, lt } from "drizzle-orm";
import type { Database } from "../client";
import { surveillanceAlerts } from "../schema/index";

type AlertRow = typeof surveillanceAlerts.$inferSelect;

export type ClosedAlert = Pick<
  AlertRow,
  "id" | "alertType" | "userId" | "symbol" | "status" | "firstEventAt" | "lastEventAt" | "detectedAt"
>;

/**
 * The live alerts detected in [from, to) that reviewers closed: confirmed (closed_reported) or
 * dismissed (closed_no_action). The calibration sandbox asks which of them candidate thresholds would
 * still raise.
 */
export async function listClosedAlerts(
  db: Database,
  period: { from: Date; to: Date; symbols?: readonly string[] },
): Promise<ClosedAlert[]> {
  const t = surveillanceAlerts;
  return db
    .select({
      id: t.id,
      alertType: t.alertType,
      userId: t.userId,
      symbol: t.symbol,
      status: t.status,
      firstEventAt: t.firstEventAt,
      lastEventAt: t.lastEventAt,
      detectedAt: t.detectedAt,
    })
    .from(t)
    .where(
      and(
        isNull(t.scanId),
        inArray(t.status, ["closed_reported", "closed_no_action"]),
        gte(t.detectedAt, period.from),
        lt(t.detectedAt, period.to),
        period.symbols === undefined ? undefined : inArray(t.symbol, [...period.symbols]),
      ),
    );
}
