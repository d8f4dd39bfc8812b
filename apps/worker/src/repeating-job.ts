/**
 * A job the worker runs now and then every `everyMs` (venue_performance, portfolio_snapshots): one run at
 * a time (a slow run delays the next rather than overlapping it), a failed run logged and the next one
 * tried as usual, and `stop` waiting for the run in flight.
 */
import type { Logger } from "@nexus/platform/logger";

export interface RepeatingJob {
  stop(): Promise<void>;
}

export function startRepeatingJob(options: {
  run: () => Promise<unknown>;
  everyMs: number;
  logger: Logger;
  /** What the job does, for the failure's log line ("venue performance aggregation"). */
  what: string;
}): RepeatingJob {
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    running = running
      .then(options.run)
      .catch((error: unknown) => options.logger.warn({ err: error }, `${options.what} failed`));
  };
  runOnce();
  const handle = setInterval(runOnce, options.everyMs);
  return {
    async stop() {
      clearInterval(handle);
      await running;
    },
  };
}
