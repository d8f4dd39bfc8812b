import type { TRPCRouterRecord } from "@trpc/server";
import { readSessionStatus, setSimulationControl, simulationControlSchema } from "@nexus/services/simulation";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import { HUMAN_ROLES } from "../auth/roles";
import { roleProcedure } from "../trpc";

/**
 * The simulated session (issue 15): the status bar every signed-in person sees (simulated clock and
 * speed, events/s, ingest lag, halts in force, market data as of), and the admin's pause, resume and
 * speed, which reach the worker running the simulator through the database (audited).
 */
export const simulationRouter = {
  status: roleProcedure(...HUMAN_ROLES)
    .input(z.void())
    .query(({ ctx }) => readSessionStatus(ctx.db, ctx.clock())),

  control: roleProcedure("admin")
    .input(simulationControlSchema)
    .mutation(({ ctx, input }) =>
      setSimulationControl(
        { db: ctx.db, actor: { ...auditActor(ctx.principal), ip: ctx.ip }, now: ctx.clock() },
        input,
      ),
    ),
} satisfies TRPCRouterRecord;
