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
import type { ChangeContext } from "../context";
import { parseOrRefuse } from "./errors";

export interface ReferenceImport {
  before: ReferenceDataCounts;
  after: ReferenceDataCounts;
  data: SurveillanceReferenceData;
}

/** Validates a reference file (the CLI's and the admin API's format) and replaces the reference data with it. */
export async function importReferenceData(context: ChangeContext, file: unknown): Promise<ReferenceImport> {
  return replaceReference(context, referenceDataOf(parseOrRefuse(referenceFileSchema, file, "file")));
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
