import { withAudit } from "@nexus/db/queries/audit";
import {
  lockMaterialAspects,
  upsertMaterialAspects,
  type MaterialAspectsRow,
} from "@nexus/db/queries/best-execution";
import { listVenueConfigurations } from "@nexus/db/queries/routing";
import { z } from "zod";
import type { ChangeContext } from "../context";
import { ReportError } from "./report-error";

/** What ops send to change a venue's Rule 606(a)(1)(iv) text. */
export const materialAspectsInputSchema = z.strictObject({
  venueId: z
    .string({ error: "venueId: expected a venue id" })
    .min(1, { error: "venueId: expected a venue id" }),
  text: z
    .string({ error: "text: expected the discussion as text" })
    .trim()
    .min(1, { error: "text: must not be empty" })
    .max(10_000, { error: "text: at most 10,000 characters" }),
});
export type MaterialAspectsInput = z.input<typeof materialAspectsInputSchema>;

/**
 * Sets a venue's material-aspects text and appends its audit row (before and after) in the same
 * transaction: the text is part of a public filing, so who wrote what, when, is kept.
 */
export async function setMaterialAspects(
  ctx: ChangeContext,
  input: MaterialAspectsInput,
): Promise<MaterialAspectsRow> {
  const parsed = materialAspectsInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ReportError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "));
  }
  const { venueId, text } = parsed.data;
  const venues = await listVenueConfigurations(ctx.db);
  if (!venues.some((venue) => venue.venueId === venueId)) {
    throw new ReportError("unknown_venue", `venueId: no venue ${venueId}.`);
  }
  let before: string | null = null;
  return withAudit(
    ctx.db,
    async (tx) => {
      before = (await lockMaterialAspects(tx, venueId))?.text ?? null;
      return upsertMaterialAspects(tx, { venueId, text, updatedAt: ctx.now, updatedBy: ctx.actor.actorId });
    },
    (saved) => ({
      actorType: ctx.actor.actorType,
      actorId: ctx.actor.actorId,
      action: "venue_material_aspects.update",
      entityType: "venue_material_aspects",
      entityId: venueId,
      details: { before, after: saved.text },
      ip: ctx.actor.ip,
    }),
  );
}
