import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { ChangeContext } from "@nexus/services/context";

import { auditActor } from "./audit-actor";
import type { Principal } from "./auth/roles";
import type { Context } from "./trpc";

/** A use case's refusal: what the caller can act on, with the problem it names. */
type Refusal<P extends string> = Error & { problem: P };

/**
 * Runs a use case as the caller: the audit actor from the principal, the request's address and clock.
 * A refusal of `refusalClass` becomes a TRPCError with the code `codes` gives its problem and its
 * message (which already says what to do); anything else is a fault and propagates as it is.
 */
export async function runUseCase<T, P extends string>(
  ctx: Pick<Context, "db" | "ip" | "clock"> & { principal: Principal },
  useCase: (context: ChangeContext) => Promise<T>,
  refusalClass: abstract new (...args: never[]) => Refusal<P>,
  codes: Readonly<Record<P, TRPC_ERROR_CODE_KEY>>,
): Promise<T> {
  try {
    return await useCase({
      db: ctx.db,
      actor: { ...auditActor(ctx.principal), ip: ctx.ip },
      now: ctx.clock(),
    });
  } catch (error) {
    if (error instanceof refusalClass)
      throw new TRPCError({ code: codes[error.problem], message: error.message, cause: error });
    throw error;
  }
}
