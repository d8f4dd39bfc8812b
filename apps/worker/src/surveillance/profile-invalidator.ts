/**
 * Keeps trading profiles honest (issue 11): every batch the ingest stores for the first time marks
 * the (user, symbol) pairs it touches stale and drops their cached user and symbol profiles
 * (services/surveillance invalidateTradingProfiles). Like the surveillance stage it is told of stored
 * events synchronously and never fails ingestion: batches are invalidated one after another, in the
 * order they were stored, and a failure is logged (the profile's TTL bounds what it can cost).
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
  let chain: Promise<void> = Promise.resolve();
  return {
    accept(events) {
      chain = chain.then(() =>
        invalidateTradingProfiles({ db: options.db, cache: options.cache }, events).catch((error: unknown) =>
          options.logger.warn({ err: error }, "trading profiles not invalidated"),
        ),
      );
    },
    idle: () => chain,
  };
}
