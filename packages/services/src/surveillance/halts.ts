/**
 * Trading halts: raised by the pipeline on a critical alert, lifted by compliance with a reason. Both
 * only write the row (with its audit row, for a lift): the announcer (halt-announcer.ts) publishes it
 * on risk.halts and sends it to the Risk service from the worker, retrying until done. So a lift made
 * in the web app reaches the bus the worker holds, and a Risk outage never blocks detection.
 */
import type { RiskHaltEvent } from "@nexus/core/events";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { withAudit } from "@nexus/db/queries/audit";
import { findHalt, insertHaltUnlessActive, liftActiveHalt } from "@nexus/db/queries/trading-halts";
import type { HaltRow } from "@nexus/db/queries/trading-halts";
import type { ChangeContext } from "../context";
import { deterministicId } from "./deterministic-id";
import { SurveillanceError } from "./errors";
import type { SurveillancePorts } from "./ports";

/** The risk.halts message for a halt as it stands (a lifted halt announces the lift). */
export function haltEventOf(halt: HaltRow, occurredAt: Date): RiskHaltEvent {
  const eventType = halt.status === "active" ? "risk.halt" : "risk.halt_lifted";
  return {
    event_id: deterministicId(`${eventType}|${halt.id}`),
    event_type: eventType,
    occurred_at: occurredAt.toISOString(),
    halt_id: halt.id,
    scope: halt.scope,
    ...(halt.userId === null ? {} : { user_id: halt.userId }),
    ...(halt.symbol === null ? {} : { symbol: halt.symbol }),
    reason: halt.status === "active" ? halt.reason : (halt.liftReason ?? halt.reason),
    ...(halt.alertId === null ? {} : { alert_id: halt.alertId }),
  };
}

/**
 * Halts the alert's user on the alert's symbol (the narrowest scope that stops the pattern; compliance
 * widens it by hand). A second critical alert on a halted target changes nothing (undefined).
 */
export async function haltOnCriticalAlert(
  ports: Pick<SurveillancePorts, "db" | "now">,
  alert: SurveillanceAlert,
): Promise<HaltRow | undefined> {
  return insertHaltUnlessActive(ports.db, {
    scope: "user_symbol",
    userId: alert.userId,
    symbol: alert.symbol,
    reason: `Critical ${alert.type.replace("_", " ")} alert: ${alert.description}`,
    alertId: alert.alertId,
    haltedBy: null,
    haltedAt: ports.now(),
  });
}

export interface LiftHaltInput {
  haltId: string;
  reason: string;
}

/** Compliance lifts an active halt: the lift and its audit row commit together (announced by the worker). */
export async function liftHalt(context: ChangeContext, input: LiftHaltInput): Promise<HaltRow> {
  const reason = input.reason.trim();
  if (reason.length === 0) throw new SurveillanceError("invalid", "reason: a lift needs a reason", "reason");
  return withAudit(
    context.db,
    async (tx) => {
      const row = await liftActiveHalt(tx, {
        id: input.haltId,
        liftedBy: context.actor.actorId,
        liftReason: reason,
        liftedAt: context.now,
      });
      if (row !== undefined) return row;
      if ((await findHalt(tx, input.haltId)) === undefined)
        throw new SurveillanceError("unknown_halt", `no halt ${input.haltId}`, "haltId");
      throw new SurveillanceError("halt_not_active", `halt ${input.haltId} is already lifted`, "haltId");
    },
    (row) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "halt.lift",
      entityType: "trading_halt",
      entityId: row.id,
      details: { scope: row.scope, userId: row.userId, symbol: row.symbol, reason },
      ip: context.actor.ip,
    }),
  );
}
