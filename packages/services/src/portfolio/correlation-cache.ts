/**
 * Correlation matrices kept in `correlation_cache` by symbol set and lookback: a matrix depends on the
 * symbols and the market data only, not on whose book asked, so every user (and every process) holding
 * the same names shares one computation. A row is served only while it was computed on the market data
 * in use (its version is stored with it) and before it expires; an import or a reviewed move drops the
 * rows naming its symbols in the same transaction (invalidateMarketCaches).
 */
import { readCorrelationCache, writeCorrelationCache } from "@nexus/db/queries/analytics-cache";
import type { Database } from "@nexus/db/client";
import type { Wire, WireOutcome } from "./risk-requests";

/** The stored `matrix`: the engine's answer (row-major `values` in the order of its `symbols`) and its data's version. */
interface StoredCorrelation {
  marketVersion: string;
  result: { [key: string]: Wire };
}

export interface CorrelationCacheRequest {
  /** The symbols asked, in the order asked (the set is the key). */
  symbols: readonly string[];
  lookbackDays: number;
  /** MarketSnapshot.version of the data the matrix is computed on. */
  marketVersion: string;
}

/**
 * The smallest pairwise count of common days (the column's one figure for a pairwise matrix): the engine's
 * `observations`, n x n counts with n >= 2.
 */
const fewestObservations = (observations: Wire | undefined): number =>
  (observations as number[]).reduce((fewest, n) => Math.min(fewest, n));

/** The cached matrix of this set, else `compute()`'s, stored when it is one (refusals are not kept). */
export async function correlationThroughCache(
  db: Database,
  request: CorrelationCacheRequest,
  options: { now: Date; ttlSeconds: number },
  compute: () => Promise<WireOutcome>,
): Promise<WireOutcome> {
  const row = await readCorrelationCache(db, request.symbols, request.lookbackDays, options.now);
  const stored = row?.matrix as StoredCorrelation | undefined;
  if (stored?.marketVersion === request.marketVersion) return { ok: true, value: stored.result };
  const outcome = await compute();
  if (outcome.ok) {
    const result = outcome.value as { [key: string]: Wire };
    const matrix: StoredCorrelation = { marketVersion: request.marketVersion, result };
    await writeCorrelationCache(db, {
      symbols: [...request.symbols],
      lookbackDays: request.lookbackDays,
      matrix,
      observationCount: fewestObservations(result.observations),
      computedAt: options.now,
      expiresAt: new Date(options.now.getTime() + options.ttlSeconds * 1000),
    });
  }
  return outcome;
}
