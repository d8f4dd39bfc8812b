/**
 * Trading halts: raised by the pipeline on a critical alert, lifted by compliance with a reason. Each
 * is published on risk.halts (docs/events.md) and sent to the Risk service by the notifier
 * (risk-notifier.ts), which retries until acknowledged, so a Risk outage never blocks detection.
 */
import { TOPICS, encodeEvent } from "@nexus/core/events";
import type { RiskHaltEvent } from "@nexus/core/events";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { withAudit } from "@nexus/db/queries/audit";
import {
  findHalt,
  insertHaltUnlessActive,
  liftActiveHalt,
  listActiveHalts,
} from "@nexus/db/queries/trading-halts";
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

async function publishHalt(ports: Pick<SurveillancePorts, "bus">, halt: HaltRow, at: Date): Promise<void> {
  await ports.bus.publish(TOPICS.riskHalts, [
    { key: halt.symbol ?? halt.userId, value: encodeEvent(haltEventOf(halt, at)) },
  ]);
}

/**
 * Halts the alert's user on the alert's symbol (the narrowest scope that stops the pattern; compliance
 * widens it by hand). A second critical alert on a halted target changes nothing. When the halt row is
 * this alert's own, it is (re)published: a retry after a failed publish announces it again under the
 * same event_id, which consumers drop if they already had it.
 */
export async function haltOnCriticalAlert(
  ports: SurveillancePorts,
  alert: SurveillanceAlert,
): Promise<HaltRow | undefined> {
  const now = ports.now();
  const inserted = await insertHaltUnlessActive(ports.db, {
    scope: "user_symbol",
    userId: alert.userId,
    symbol: alert.symbol,
    reason: `Critical ${alert.type.replace("_", " ")} alert: ${alert.description}`,
    alertId: alert.alertId,
    haltedBy: null,
    haltedAt: now,
  });
  const halt =
    inserted ??
    (await listActiveHalts(ports.db)).find(
      (active) => active.alertId === alert.alertId && active.scope === "user_symbol",
    );
  if (halt === undefined || halt.alertId !== alert.alertId) return undefined;
  await publishHalt(ports, halt, now);
  return halt;
}

export interface LiftHaltInput {
  haltId: string;
  reason: string;
}

/** Compliance lifts an active halt: the lift and its audit row commit together, then it is published. */
export async function liftHalt(
  context: ChangeContext & Pick<SurveillancePorts, "bus">,
  input: LiftHaltInput,
): Promise<HaltRow> {
  const reason = input.reason.trim();
  if (reason.length === 0) throw new SurveillanceError("invalid", "reason: a lift needs a reason", "reason");
  const lifted = await withAudit(
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
  await publishHalt(context, lifted, context.now);
  return lifted;
}
