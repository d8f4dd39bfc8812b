/**
 * STOR drafts for confirmed violations (MAR Article 16(1)-(2); template of Commission Delegated
 * Regulation (EU) 2016/957, Annex): the draft as JSON, checked against core's schema, and as a PDF the
 * officer completes and files with the competent authority.
 */
import { buildStorDraft } from "@nexus/core/surveillance";
import type { StorDraft } from "@nexus/core/surveillance";
import type { Database } from "@nexus/db/client";
import { findAlert } from "@nexus/db/queries/surveillance-alerts";
import { userContactOf } from "@nexus/db/queries/user-contacts";
import { z } from "zod";
import { SurveillanceError } from "./errors";

const storedEvidenceSchema = z.object({
  metrics: z.record(z.string(), z.union([z.number(), z.string()])).catch({}),
  thresholds: z.record(z.string(), z.number()).catch({}),
});

/** The STOR draft of a confirmed alert, filed by `reporter`; refused for an alert not confirmed. */
export async function storDraftOf(
  db: Database,
  alertId: string,
  reporter: { name: string; email: string },
  now: Date,
): Promise<StorDraft> {
  const alert = await findAlert(db, alertId);
  if (alert === undefined) throw new SurveillanceError("unknown_alert", `no alert ${alertId}`, "id");
  if (alert.status !== "closed_reported")
    throw new SurveillanceError(
      "invalid_transition",
      `alert ${alertId} is not a confirmed violation: only confirmed alerts export a STOR draft`,
      "id",
    );
  const evidence = storedEvidenceSchema.parse(alert.evidence);
  return buildStorDraft({
    alert: {
      id: alert.id,
      type: alert.alertType,
      symbol: alert.symbol,
      description: alert.description,
      confidence: alert.confidenceScore.toString(),
      detectedAt: alert.detectedAt,
      firstEventAt: alert.firstEventAt ?? alert.detectedAt,
      lastEventAt: alert.lastEventAt ?? alert.detectedAt,
      accountId: alert.accountId,
      userId: alert.userId,
      relatedOrderIds: alert.relatedOrderIds,
      metrics: evidence.metrics,
      thresholds: evidence.thresholds,
      dispositionNotes: alert.dispositionNotes ?? "",
    },
    reporter,
    suspect: (await userContactOf(db, alert.userId)) ?? null,
    generatedAt: now,
  });
}
