/**
 * Reference data import (admin, audited): the file of `nexus reference import` and the admin API,
 * validated by core's schema, replaces the stored reference data together with its audit row and a
 * NOTIFY that tells every worker, on commit, to reload it.
 */
import { referenceDataOf, referenceFileSchema } from "@nexus/core/surveillance";
import type { SurveillanceReferenceData } from "@nexus/core/surveillance";
import { withAudit } from "@nexus/db/queries/audit";
import { notifySurveillanceConfigChanged } from "@nexus/db/queries/detector-configs";
import { countsOf, loadReferenceData, replaceReferenceData } from "@nexus/db/queries/reference-data";
import type { ReferenceDataCounts } from "@nexus/db/queries/reference-data";
import type { z } from "zod";
import type { ChangeContext } from "../context";
import { SurveillanceError } from "./errors";

export interface ReferenceImport {
  before: ReferenceDataCounts;
  after: ReferenceDataCounts;
  data: SurveillanceReferenceData;
}

/** The first problem, e.g. `unknown key in desks.0: traders` or `related_accounts.0: ...`. */
function describeProblem(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.map(String).join(".") || "file";
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length === 0 ? "" : ` in ${field}`;
    return {
      field,
      message: `unknown key${issue.keys.length > 1 ? "s" : ""}${where}: ${issue.keys.join(", ")}`,
    };
  }
  return { field, message: `${field}: ${issue.message}` };
}

/** Validates a reference file (the CLI's and the admin API's format) and replaces the reference data with it. */
export async function importReferenceData(context: ChangeContext, file: unknown): Promise<ReferenceImport> {
  const parsed = referenceFileSchema.safeParse(file);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const problem = issue === undefined ? { field: "file", message: "invalid" } : describeProblem(issue);
    throw new SurveillanceError("invalid", problem.message, problem.field);
  }
  return replaceReference(context, referenceDataOf(parsed.data));
}

/**
 * Replaces the stored reference data with `data`, with its audit row (counts before and after) and a
 * NOTIFY that tells every worker, on commit, to reload it.
 */
export function replaceReference(
  context: ChangeContext,
  data: SurveillanceReferenceData,
): Promise<ReferenceImport> {
  return withAudit(
    context.db,
    async (tx) => {
      const before = countsOf(await loadReferenceData(tx));
      await replaceReferenceData(
        tx,
        data,
        context.actor.actorType === "system" ? context.actor.actorId : "imported",
      );
      await notifySurveillanceConfigChanged(tx, "reference_data");
      return { before, after: countsOf(data), data };
    },
    (result) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "reference_data.import",
      entityType: "reference_data",
      entityId: "surveillance",
      details: { before: result.before, after: result.after },
      ip: context.actor.ip,
    }),
  );
}
