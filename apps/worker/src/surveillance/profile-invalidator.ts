/**
 * Keeps trading profiles honest (issue 11): every batch the ingest stores for the first time marks
 * the (user, symbol) pairs it touches stale and drops their cached user and symbol profiles
 * (services/surveillance invalidateTradingProfiles). Like the surveillance stage it is told of stored
 * events synchronously and never fails ingestion: invalidations run one after another, and a failure is
 * logged (the profile's TTL bounds what it can cost). The batches stored while one runs are invalidated
 * together by the next: one statement per round, not one per partition batch (a fetch brings a dozen).
 */
import type { ConsumedEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import type { Cache } from "@nexus/platform/cache";
import type { Logger } from "@nexus/platform/logger";
import { invalidateTradingProfiles } from "@nexus/services/surveillance";

export interface ProfileInvalidator {
  /** Events the ingest just stored for the first time. Never throws. */
  accept(events: readonly ConsumedEvent[]): void;
  /** Resolves once every batch accepted so far is invalidated. */
  idle(): Promise<void>;
}

export function createProfileInvalidator(options: {
  db: Database;
  cache: Cache;
  logger: Logger;
}): ProfileInvalidator {
  let waiting: ConsumedEvent[] = [];
  let running: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    // Later batches join `waiting` meanwhile and go in the next round.
    while (waiting.length > 0) {
      const events = waiting;
      waiting = [];
      await invalidateTradingProfiles({ db: options.db, cache: options.cache }, events).catch(
        (error: unknown) => options.logger.warn({ err: error }, "trading profiles not invalidated"),
      );
    }
    running = undefined;
  };
  return {
    accept(events) {
      waiting = waiting.concat(events);
      running ??= drain();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
