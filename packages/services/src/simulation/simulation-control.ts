/**
 * The admin's controls of the simulated session: pause, resume and speed. The web server holds no engine
 * state, so a change is stored (one row, with its audit row, in one transaction) and announced on commit;
 * the worker running the simulator applies it (apps/worker/src/simulation/control-follower.ts).
 */
import { withAudit } from "@nexus/db/queries/audit";
import { readSimulationControl, saveSimulationControl } from "@nexus/db/queries/simulation";
import { z } from "zod";
import type { ChangeContext } from "../context";

/** Speeds the session runs at (packages/sim's session clock: MIN_SPEED..MAX_SPEED). */
export const simulationControlSchema = z.strictObject({
  paused: z.boolean(),
  speed: z.number().min(1).max(100),
});

export type SimulationControl = z.output<typeof simulationControlSchema>;

export async function setSimulationControl(
  context: ChangeContext,
  control: SimulationControl,
): Promise<SimulationControl> {
  const result = await withAudit(
    context.db,
    async (tx) => {
      const before = await readSimulationControl(tx);
      const row = await saveSimulationControl(tx, {
        paused: control.paused,
        speed: control.speed,
        updatedBy: context.actor.actorType === "cli" ? null : context.actor.actorId,
        updatedAt: context.now,
      });
      return {
        before: before === undefined ? null : { paused: before.paused, speed: before.speed },
        after: { paused: row.paused, speed: row.speed },
      };
    },
    ({ before, after }) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "simulation.control",
      entityType: "simulation",
      entityId: "session",
      details: { before, after },
      ip: context.actor.ip,
    }),
  );
  return result.after;
}
