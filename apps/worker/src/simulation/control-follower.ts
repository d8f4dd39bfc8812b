/**
 * Applies the admin's controls of the simulated session (pause, resume, speed: simulation_controls,
 * written through the API) to the simulator this worker runs. A change commits with a NOTIFY and applies
 * at once; the poll is the safety net for a lost connection. A worker starts with its own settings
 * (`npm start -- --speed`), so only a change made after it started applies.
 */
import type { DbHandle } from "@nexus/db/client";
import { SIMULATION_CONTROL_CHANNEL, readSimulationControl } from "@nexus/db/queries/simulation";
import type { Logger } from "@nexus/platform/logger";
import { startRepeatingJob } from "../repeating-job.js";
import type { SimulatorFeed } from "../sim-feed.js";

export interface ControlFollowerOptions {
  database: Pick<DbHandle, "db" | "sql">;
  feed: Pick<SimulatorFeed, "pause" | "resume" | "setSpeed">;
  /** Changes made before this are the previous run's. */
  startedAt: Date;
  logger: Logger;
  pollMs?: number;
}

export interface ControlFollower {
  stop(): Promise<void>;
}

export async function followSimulationControl(options: ControlFollowerOptions): Promise<ControlFollower> {
  let applied = options.startedAt.getTime();
  let reading: Promise<void> = Promise.resolve();
  const apply = async (): Promise<void> => {
    const control = await readSimulationControl(options.database.db);
    if (control === undefined || control.updatedAt.getTime() <= applied) return;
    applied = control.updatedAt.getTime();
    options.feed.setSpeed(control.speed);
    if (control.paused) options.feed.pause();
    else options.feed.resume();
    options.logger.info(
      { paused: control.paused, speed: control.speed },
      "simulated session control applied",
    );
  };
  const readNow = (): Promise<void> =>
    (reading = reading
      .then(apply)
      .catch((error: unknown) => options.logger.warn({ err: error }, "simulation control not read")));

  const listening = await options.database.sql
    .listen(SIMULATION_CONTROL_CHANNEL, () => void readNow())
    .catch((error: unknown) => {
      options.logger.warn({ err: error }, "simulation control: LISTEN refused, changes apply on the poll");
      return undefined;
    });
  const polling = startRepeatingJob({
    run: readNow,
    everyMs: options.pollMs ?? 5_000,
    logger: options.logger,
    what: "simulation control poll",
  });
  return {
    async stop() {
      await polling.stop();
      await listening?.unlisten().catch(() => undefined);
      await reading;
    },
  };
}
