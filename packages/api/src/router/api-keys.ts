import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { withAudit } from "@nexus/db/queries/audit";
import { createApiKey, listApiKeys, revokeApiKey } from "@nexus/db/queries/auth";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import { forgetApiKey } from "../auth/api-key";
import { API_KEY_SCOPES, API_KEY_SCOPE_NAMES, knownScopes } from "../auth/scopes";
import { generateApiKey } from "../auth/tokens";
import { roleProcedure } from "../trpc";

const adminProcedure = roleProcedure("admin");

/** Admin management of the keys other services present as `Authorization: Bearer nxk_...`. */
export const apiKeysRouter = {
  /** The scopes an admin may give a key, with what each allows (the create form lists them). */
  scopes: adminProcedure
    .input(z.void())
    .query(() => API_KEY_SCOPE_NAMES.map((scope) => ({ scope, description: API_KEY_SCOPES[scope] }))),

  /**
   * Issues a key with the scopes chosen for it (none by default: least privilege). The full key is in
   * this response only; afterwards just its prefix is known.
   */
  create: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        scopes: z.array(z.enum(API_KEY_SCOPE_NAMES)).max(API_KEY_SCOPE_NAMES.length).default([]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { key, prefix, keyHash } = generateApiKey();
      const scopes = [...new Set(input.scopes)].sort();
      const row = await withAudit(
        ctx.db,
        (tx) =>
          createApiKey(tx, { name: input.name, prefix, keyHash, scopes, createdBy: ctx.principal.user.id }),
        (created) => ({
          ...auditActor(ctx.principal),
          action: "api_key.create",
          entityType: "api_key",
          entityId: created.id,
          details: { name: created.name, prefix, scopes },
          ip: ctx.ip,
        }),
      );
      return { id: row.id, name: row.name, prefix, scopes, createdAt: row.createdAt, key };
    }),

  list: adminProcedure.input(z.void()).query(async ({ ctx }) => {
    const rows = await listApiKeys(ctx.db);
    return rows.map(({ id, name, prefix, scopes, createdBy, createdAt, lastUsedAt, revokedAt }) => ({
      id,
      name,
      prefix,
      scopes: knownScopes(scopes),
      createdBy,
      createdAt,
      lastUsedAt,
      revokedAt,
    }));
  }),

  /**
   * Revokes a key at once: its next request to this process is refused, to another process within
   * API_KEY_CACHE_TTL_MS (auth/api-key.ts).
   */
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
    forgetApiKey(ctx.db, input.id);
    return { id: input.id, revokedAt };
  }),
} satisfies TRPCRouterRecord;
