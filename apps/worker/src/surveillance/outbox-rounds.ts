import type { Logger } from "@nexus/platform/logger";

export interface OutboxRounds {
  /** Runs a round, or one more after the one in hand if it is running; resolves when that one is done. */
  kick(): Promise<void>;
  /** Resolves when the round in hand (and the one queued) is done, starting none. */
  settled(): Promise<void>;
}

/**
 * Runs an outbox's rounds one at a time (halt announcements, alert messages): a kick while a round runs
 * queues one more, however many kicks come meanwhile. A failed round leaves its rows for the next; a run
 * of failures is logged once when it starts (`failing`) and once when a round succeeds again (`flowing`).
 */
export function outboxRounds(options: {
  round: () => Promise<{ failed: unknown }>;
  logger: Logger;
  failing: string;
  flowing: string;
}): OutboxRounds {
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  let failing = false;
  return {
    kick() {
      if (queued) return running;
      queued = true;
      running = running.then(async () => {
        queued = false;
        const { failed } = await options.round().catch((error: unknown) => ({ failed: error }));
        if (failed !== undefined && !failing) options.logger.warn({ err: failed }, options.failing);
        if (failed === undefined && failing) options.logger.info(options.flowing);
        failing = failed !== undefined;
      });
      return running;
    },
    settled: () => running,
  };
}
