import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { withAudit } from "@nexus/db/queries/audit";
import { createApiKey, listApiKeys, revokeApiKey } from "@nexus/db/queries/auth";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import { generateApiKey } from "../auth/tokens";
import { roleProcedure } from "../trpc";

const adminProcedure = roleProcedure("admin");

/** Admin management of the keys other services present as `Authorization: Bearer nxk_...`. */
export const apiKeysRouter = {
  /** Issues a key. The full key is in this response only; afterwards just its prefix is known. */
  create: adminProcedure
    .input(z.object({ name: z.string().trim().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const { key, prefix, keyHash } = generateApiKey();
      const row = await withAudit(
        ctx.db,
        (tx) => createApiKey(tx, { name: input.name, prefix, keyHash, createdBy: ctx.principal.user.id }),
        (created) => ({
          ...auditActor(ctx.principal),
          action: "api_key.create",
          entityType: "api_key",
          entityId: created.id,
          details: { name: created.name, prefix },
          ip: ctx.ip,
        }),
      );
      return { id: row.id, name: row.name, prefix, createdAt: row.createdAt, key };
    }),

  list: adminProcedure.input(z.void()).query(async ({ ctx }) => {
    const rows = await listApiKeys(ctx.db);
    return rows.map(({ id, name, prefix, createdBy, createdAt, lastUsedAt, revokedAt }) => ({
      id,
      name,
      prefix,
      createdBy,
      createdAt,
      lastUsedAt,
      revokedAt,
    }));
  }),

  /** Revokes a key at once: its next request is refused. */
  revoke: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const revokedAt = ctx.clock();
    await withAudit(
      ctx.db,
      async (tx) => {
        if (!(await revokeApiKey(tx, input.id, revokedAt))) {
          throw new TRPCError({ code: "NOT_FOUND", message: `No active API key with id ${input.id}.` });
        }
      },
      // The key's name and prefix are in the `api_key.create` row with the same entity id.
      () => ({
        ...auditActor(ctx.principal),
        action: "api_key.revoke",
        entityType: "api_key",
        entityId: input.id,
        details: { revokedAt: revokedAt.toISOString() },
        ip: ctx.ip,
      }),
    );
    return { id: input.id, revokedAt };
  }),
} satisfies TRPCRouterRecord;
