import type { TRPCRouterRecord } from "@trpc/server";
import { listAudit } from "@nexus/db/queries/audit";
import { z } from "zod";

import { roleProcedure } from "../trpc";

/** The audit trail, newest first, for compliance review (admin passes every role check). */
export const auditRouter = {
  list: roleProcedure("compliance")
    .input(
      z.object({
        limit: z.number().int().min(1).max(200).default(50),
        /** Cursor: return rows older than this id (the `nextCursor` of the previous page). */
        beforeId: z.string().regex(/^\d+$/, "must be an audit row id").optional(),
        entityType: z.string().min(1).max(64).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listAudit(ctx.db, {
        limit: input.limit,
        beforeId: input.beforeId === undefined ? undefined : BigInt(input.beforeId),
        entityType: input.entityType,
      });
      const items = rows.map((row) => ({ ...row, id: row.id.toString() }));
      const last = items.at(-1);
      return { items, nextCursor: items.length === input.limit && last ? last.id : null };
    }),
} satisfies TRPCRouterRecord;
