/**
 * The analytics caches kept in Postgres (schema/analytics-cache.ts): market data fetched from the
 * market-data service, by symbol and kind, and correlation matrices by symbol set and lookback. Both
 * outlive a process and are shared by every replica; a row is served only before `expires_at`, and
 * invalidateMarketCaches drops the rows built on bars that changed (an import, a reviewed move).
 */
import { createHash } from "node:crypto";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { correlationCache, marketDataCache } from "../schema/index";

/** The value an upsert proposed for `column` (ON CONFLICT ... DO UPDATE SET column = excluded.column). */
const excluded = (column: AnyPgColumn) => sql.raw(`excluded.${column.name}`);

export interface MarketDataCacheRow {
  symbol: string;
  payload: unknown;
  source: string;
  fetchedAt: Date;
}

/** The unexpired rows of `dataType` for these symbols. */
export async function readMarketDataCache(
  db: Database,
  dataType: string,
  symbols: readonly string[],
  now: Date,
): Promise<MarketDataCacheRow[]> {
  if (symbols.length === 0) return [];
  return db
    .select({
      symbol: marketDataCache.symbol,
      payload: marketDataCache.payload,
      source: marketDataCache.source,
      fetchedAt: marketDataCache.fetchedAt,
    })
    .from(marketDataCache)
    .where(
      and(
        eq(marketDataCache.dataType, dataType),
        inArray(marketDataCache.symbol, [...symbols]),
        gt(marketDataCache.expiresAt, now),
      ),
    );
}

/** When each unexpired row of `dataType` for these symbols was fetched (no payloads: a cheap freshness check). */
export async function marketDataCacheFetches(
  db: Database,
  dataType: string,
  symbols: readonly string[],
  now: Date,
): Promise<Map<string, Date>> {
  if (symbols.length === 0) return new Map();
  const rows = await db
    .select({ symbol: marketDataCache.symbol, fetchedAt: marketDataCache.fetchedAt })
    .from(marketDataCache)
    .where(
      and(
        eq(marketDataCache.dataType, dataType),
        inArray(marketDataCache.symbol, [...symbols]),
        gt(marketDataCache.expiresAt, now),
      ),
    );
  return new Map(rows.map((row) => [row.symbol, row.fetchedAt]));
}

/** Stores (or replaces) one row per symbol of `dataType`. */
export async function writeMarketDataCache(
  db: Database,
  dataType: string,
  rows: readonly { symbol: string; payload: unknown }[],
  options: { source: string; fetchedAt: Date; expiresAt: Date },
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(marketDataCache)
    .values(rows.map((row) => ({ ...row, ...options, dataType })))
    .onConflictDoUpdate({
      target: [marketDataCache.symbol, marketDataCache.dataType],
      set: {
        payload: excluded(marketDataCache.payload),
        source: excluded(marketDataCache.source),
        fetchedAt: excluded(marketDataCache.fetchedAt),
        expiresAt: excluded(marketDataCache.expiresAt),
      },
    });
}

/** The SHA-256 of the sorted symbol list: the same set whatever order it was asked in. */
export const symbolSetHash = (symbols: readonly string[]): string =>
  createHash("sha256")
    .update([...symbols].sort().join(","))
    .digest("hex");

export interface CorrelationCacheRow {
  symbols: string[];
  matrix: unknown;
  observationCount: number;
}

/** The unexpired matrix of this symbol set over `lookbackDays`, if any. */
export async function readCorrelationCache(
  db: Database,
  symbols: readonly string[],
  lookbackDays: number,
  now: Date,
): Promise<CorrelationCacheRow | undefined> {
  const [row] = await db
    .select({
      symbols: correlationCache.symbols,
      matrix: correlationCache.matrix,
      observationCount: correlationCache.observationCount,
    })
    .from(correlationCache)
    .where(
      and(
        eq(correlationCache.symbolSetHash, symbolSetHash(symbols)),
        eq(correlationCache.lookbackDays, lookbackDays),
        gt(correlationCache.expiresAt, now),
      ),
    );
  return row;
}

/** Stores (or replaces) the matrix of this symbol set and lookback. */
export async function writeCorrelationCache(
  db: Database,
  row: CorrelationCacheRow & { lookbackDays: number; computedAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insert(correlationCache)
    .values({ ...row, symbolSetHash: symbolSetHash(row.symbols) })
    .onConflictDoUpdate({
      target: [correlationCache.symbolSetHash, correlationCache.lookbackDays],
      set: {
        symbols: excluded(correlationCache.symbols),
        matrix: excluded(correlationCache.matrix),
        observationCount: excluded(correlationCache.observationCount),
        computedAt: excluded(correlationCache.computedAt),
        expiresAt: excluded(correlationCache.expiresAt),
      },
    });
}

/**
 * Drops what was built on these symbols' bars: their market-data rows of every kind and every
 * correlation matrix naming one of them. Run it in the transaction that changes the bars, so no reader
 * sees the new bars beside an old matrix. Returns the rows dropped.
 */
export async function invalidateMarketCaches(
  db: Database,
  symbols: readonly string[],
): Promise<{ marketData: number; correlations: number }> {
  if (symbols.length === 0) return { marketData: 0, correlations: 0 };
  const marketData = await db
    .delete(marketDataCache)
    .where(inArray(marketDataCache.symbol, [...symbols]))
    .returning({ id: marketDataCache.id });
  const correlations = await db
    .delete(correlationCache)
    .where(
      sql`${correlationCache.symbols} && array[${sql.join(
        symbols.map((symbol) => sql`${symbol}`),
        sql`, `,
      )}]::text[]`,
    )
    .returning({ id: correlationCache.id });
  return { marketData: marketData.length, correlations: correlations.length };
}
