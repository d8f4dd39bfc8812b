import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { appendAudit, withAudit } from "@nexus/db/queries/audit";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import { SESSION_TTL_SECONDS, sessionCookie } from "../auth/cookies";
import { checkCredentials } from "../auth/credentials";
import { admitSignIn, signInSucceeded } from "../auth/sign-in-limit";
import { endSession, startSession } from "../auth/session";
import { HUMAN_ROLES } from "../auth/roles";
import { authedProcedure, publicProcedure, roleProcedure } from "../trpc";

const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(HUMAN_ROLES),
});

/** One message for every failed sign-in, so it never tells which of email or password was wrong. */
const SIGN_IN_FAILED = "Wrong email or password.";

export const authRouter = {
  signIn: publicProcedure
    .input(z.object({ email: z.email().max(320), password: z.string().min(1).max(1024) }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.clock();
      await admitSignIn(ctx, input.email);
      const check = await checkCredentials(ctx.db, input.email, input.password);
      if (!check.ok) {
        await appendAudit(ctx.db, {
          actorType: "user",
          actorId: check.userId,
          action: "auth.sign_in_failed",
          entityType: "user",
          entityId: check.userId,
          details: { email: input.email, reason: check.reason, userAgent: ctx.userAgent },
          ip: ctx.ip,
        });
        throw new TRPCError({ code: "UNAUTHORIZED", message: SIGN_IN_FAILED });
      }
      const previous = ctx.principal?.kind === "user" ? ctx.principal.sessionTokenHash : undefined;
      const session = await withAudit(
        ctx.db,
        async (tx) => {
          // A fresh token on every sign-in; the browser's previous session (if any) ends here.
          if (previous !== undefined) await endSession(tx, previous);
          return startSession(tx, check.user.id, { ip: ctx.ip, userAgent: ctx.userAgent, now });
        },
        (started) => ({
          actorType: "user",
          actorId: check.user.id,
          action: "auth.sign_in",
          entityType: "user",
          entityId: check.user.id,
          details: {
            email: check.user.email,
            userAgent: ctx.userAgent,
            expiresAt: started.expiresAt.toISOString(),
          },
          ip: ctx.ip,
        }),
      );
      // Only once the session and its record are committed does the browser get the cookie.
      ctx.resHeaders.append(
        "Set-Cookie",
        sessionCookie(session.token, { secure: ctx.secure, maxAgeSeconds: SESSION_TTL_SECONDS }),
      );
      await signInSucceeded(ctx, input.email);
      return { user: check.user, expiresAt: session.expiresAt };
    }),

  signOut: authedProcedure.input(z.void()).mutation(async ({ ctx }) => {
    const { principal } = ctx;
    await withAudit(
      ctx.db,
      (tx) => endSession(tx, principal.sessionTokenHash),
      () => ({
        ...auditActor(principal),
        action: "auth.sign_out",
        entityType: "user",
        entityId: principal.user.id,
        details: {},
        ip: ctx.ip,
      }),
    );
    ctx.resHeaders.append("Set-Cookie", sessionCookie("", { secure: ctx.secure, maxAgeSeconds: 0 }));
    return { signedOut: true as const };
  }),

  /** Who the caller is: the signed-in person, or the service behind the API key. */
  me: roleProcedure(...HUMAN_ROLES, "service")
    .meta({
      openapi: {
        method: "GET",
        path: "/auth/me",
        protect: true,
        tags: ["auth"],
        summary: "The authenticated caller",
      },
    })
    .input(z.void())
    .output(
      z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("user"), user: sessionUserSchema }),
        z.object({
          kind: z.literal("service"),
          apiKey: z.object({ id: z.string(), name: z.string(), prefix: z.string() }),
        }),
      ]),
    )
    .query(({ ctx }) =>
      ctx.principal.kind === "user"
        ? { kind: "user" as const, user: ctx.principal.user }
        : { kind: "service" as const, apiKey: ctx.principal.apiKey },
    ),
} satisfies TRPCRouterRecord;
