/**
 * Deposits and withdrawals of a trader's account, recorded by operations or an admin (or by the embedded
 * demo for its traders' opening capital). Each is one transaction with its audit row (SEC Rule 17a-4 /
 * FINRA 4511: a change to a customer's money is on the record). The account's cash counts them from their
 * effective date, and the daily snapshots take them as external flows (time-weighted returns).
 */
import type { Decimal } from "@nexus/core/money";
import { withAudit } from "@nexus/db/queries/audit";
import { insertCashMovement } from "@nexus/db/queries/cash-movements";
import type { CashMovement } from "@nexus/db/queries/cash-movements";
import { lockUserById } from "@nexus/db/queries/users";
import type { ChangeContext } from "../context";
import { PortfolioError } from "./errors";

export interface CashMovementInput {
  userId: string;
  kind: CashMovement["kind"];
  /** Positive; the kind gives the direction. */
  amount: Decimal;
  /** YYYY-MM-DD: in (or out of) the account from the start of that day. */
  effectiveDate: string;
  note: string;
}

/** Records a movement for a trader; refused with `unknown_account` when `userId` is no trader. */
export function recordCashMovement(context: ChangeContext, input: CashMovementInput): Promise<CashMovement> {
  return withAudit(
    context.db,
    async (tx) => {
      // Locked, so the account cannot be removed or change role under the movement.
      const user = await lockUserById(tx, input.userId);
      if (user?.role !== "trader") {
        throw new PortfolioError("unknown_account", `No trader account ${input.userId}.`, "userId");
      }
      return insertCashMovement(tx, {
        ...input,
        createdBy: `${context.actor.actorType}:${context.actor.actorId}`,
      });
    },
    (movement) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: `cash.${movement.kind}`,
      entityType: "cash_movement",
      entityId: movement.id,
      details: {
        userId: movement.userId,
        amount: movement.amount.toFixed(),
        effectiveDate: movement.effectiveDate,
        note: movement.note,
      },
      ip: context.actor.ip,
    }),
  );
}
