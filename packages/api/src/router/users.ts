import type { TRPCRouterRecord } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { listUserAccounts } from "@nexus/db/queries/users";
import type { ChangeContext } from "@nexus/services/context";
import {
  UserAdminError,
  changeRole,
  createAccount,
  disableAccount,
  enableAccount,
  newAccountSchema,
  resetPassword,
  roleSchema,
} from "@nexus/services/users";
import type { UserAdminProblem } from "@nexus/services/users";
import { z } from "zod";

import type { Principal } from "../auth/roles";
import type { Context } from "../trpc";
import { roleProcedure } from "../trpc";
import { runUseCase } from "../run-use-case";

const adminProcedure = roleProcedure("admin");

/** How each refusal of the user use cases reaches the browser; the message already says what to do. */
const REFUSAL_CODES: Record<UserAdminProblem, TRPC_ERROR_CODE_KEY> = {
  invalid: "BAD_REQUEST",
  duplicate_email: "CONFLICT",
  unknown_user: "NOT_FOUND",
  self_disable: "FORBIDDEN",
  last_admin: "CONFLICT",
};

/** Runs a use case as the signed-in admin; its refusals become TRPCErrors carrying their message. */
const asAdmin = <T>(
  ctx: Pick<Context, "db" | "ip" | "clock"> & { principal: Principal },
  useCase: (context: ChangeContext) => Promise<T>,
): Promise<T> => runUseCase(ctx, useCase, UserAdminError, REFUSAL_CODES);

const byId = z.object({ id: z.uuid() });

/**
 * Admin management of the people who sign in (the Users screen). The rules (normalized emails,
 * hashed and never recorded passwords, lock-out protection, audit rows) live in @nexus/services/users,
 * which `nexus users ...` calls too. For people only, so no REST route.
 */
export const usersRouter = {
  /** Every account with its role, status and last sign-in; never a password hash. */
  list: adminProcedure.input(z.void()).query(({ ctx }) => listUserAccounts(ctx.db)),

  /** Creates an account; a password left out is generated and returned in this response only. */
  create: adminProcedure
    .input(newAccountSchema)
    .mutation(({ ctx, input }) => asAdmin(ctx, (context) => createAccount(context, input))),

  /** Disables an account and signs it out everywhere at once. */
  disable: adminProcedure
    .input(byId)
    .mutation(({ ctx, input }) => asAdmin(ctx, (context) => disableAccount(context, input))),

  enable: adminProcedure
    .input(byId)
    .mutation(({ ctx, input }) => asAdmin(ctx, (context) => enableAccount(context, input))),

  setRole: adminProcedure
    .input(byId.extend({ role: roleSchema }))
    .mutation(({ ctx, input }) =>
      asAdmin(ctx, (context) => changeRole(context, { id: input.id }, input.role)),
    ),

  /** Sets a generated password, returned in this response only, and ends the account's sessions. */
  resetPassword: adminProcedure
    .input(byId)
    .mutation(({ ctx, input }) => asAdmin(ctx, (context) => resetPassword(context, input))),
} satisfies TRPCRouterRecord;
