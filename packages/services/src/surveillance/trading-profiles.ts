/**
 * User and symbol profiles (issue 11): a trader's behaviour per symbol, or a symbol's per trader, over
 * the last day, with their alerts. Two tiers: trading_profiles holds each (user, symbol) pair's
 * figures, and the cache (Redis when there is one) the assembled profile. When the worker stores new
 * events it marks their pairs stale, then drops the cached profiles of their users and symbols
 * (invalidateTradingProfiles); a read recomputes stale pairs before assembling. A reader caching a
 * profile checks for stale rows after writing it and drops it again if some appeared, so a profile
 * computed just before an invalidation cannot outlive it in the cache.
 */
import type { ConsumedEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import {
  countSubjectAlerts,
  hasStaleProfileRows,
  listProfileRows,
  markProfilesStale,
  refreshProfiles,
} from "@nexus/db/queries/trading-profiles";
import type { AlertCount, ProfilePair, ProfileSubject } from "@nexus/db/queries/trading-profiles";
import type { Cache } from "@nexus/platform/cache";

export type { ProfileSubject } from "@nexus/db/queries/trading-profiles";

/** Profiles look back one day: the detectors' baselines (median sizes, cancel ratios) are intraday. */
export const PROFILE_LOOKBACK_DAYS = 1;
/** A cached profile lives at most this long even if no event invalidates it (the window moves on). */
const PROFILE_TTL_SECONDS = 300;

export interface ProfilePairFigures {
  userId: string;
  symbol: string;
  orderCount: number;
  tradeCount: number;
  avgOrderSize: string;
  stddevOrderSize: string;
  maxOrderSize: string;
  cancelRatio: string;
  fillRatio: string;
  avgMessagesPerSecond: string;
  peakMessagesPerSecond: string;
  avgOrderLifetimeMs: number | null;
}

export interface TradingProfile {
  subject: ProfileSubject;
  lookbackDays: number;
  /** ISO-8601: the window the figures cover. */
  windowStart: string | null;
  windowEnd: string | null;
  computedAt: string;
  totals: { orders: number; trades: number; pairs: number };
  pairs: ProfilePairFigures[];
  alerts: AlertCount[];
}

export interface ProfilePorts {
  db: Database;
  /** Absent where no cache is shared with the worker (the embedded default's web process). */
  cache?: Cache;
  now: () => Date;
}

export const profileCacheKey = (subject: ProfileSubject): string =>
  subject.kind === "user" ? `profile:user:${subject.userId}` : `profile:symbol:${subject.symbol}`;

async function computeProfile(ports: ProfilePorts, subject: ProfileSubject): Promise<TradingProfile> {
  const now = ports.now();
  await refreshProfiles(ports.db, subject, {
    start: new Date(now.getTime() - PROFILE_LOOKBACK_DAYS * 86_400_000),
    end: now,
    lookbackDays: PROFILE_LOOKBACK_DAYS,
  });
  const [rows, alerts] = await Promise.all([
    listProfileRows(ports.db, subject),
    countSubjectAlerts(ports.db, subject),
  ]);
  const pairs = rows.map((row): ProfilePairFigures => ({
    userId: row.userId,
    symbol: row.symbol,
    orderCount: row.orderCount,
    tradeCount: row.tradeCount,
    avgOrderSize: row.avgOrderSize.toFixed(),
    stddevOrderSize: row.stddevOrderSize.toFixed(),
    maxOrderSize: row.maxOrderSize.toFixed(),
    cancelRatio: row.cancelRatio.toFixed(),
    fillRatio: row.fillRatio.toFixed(),
    avgMessagesPerSecond: row.avgMessagesPerSecond.toFixed(),
    peakMessagesPerSecond: row.peakMessagesPerSecond.toFixed(),
    avgOrderLifetimeMs: row.avgOrderLifetimeMs,
  }));
  const first = rows[0];
  return {
    subject,
    lookbackDays: PROFILE_LOOKBACK_DAYS,
    windowStart: first?.windowStart.toISOString() ?? null,
    windowEnd: first?.windowEnd.toISOString() ?? null,
    computedAt: now.toISOString(),
    totals: {
      orders: pairs.reduce((sum, pair) => sum + pair.orderCount, 0),
      trades: pairs.reduce((sum, pair) => sum + pair.tradeCount, 0),
      pairs: pairs.length,
    },
    pairs,
    alerts,
  };
}

/** The subject's profile: from the cache, else recomputed where stale and cached. */
export async function loadTradingProfile(
  ports: ProfilePorts,
  subject: ProfileSubject,
): Promise<TradingProfile> {
  const key = profileCacheKey(subject);
  const cached = await ports.cache?.get<TradingProfile>(key);
  if (cached !== undefined) return cached;
  const profile = await computeProfile(ports, subject);
  if (ports.cache !== undefined) {
    await ports.cache.set(key, profile, PROFILE_TTL_SECONDS);
    // Events stored while it was computed marked rows stale after the read: the cached copy must go.
    if (await hasStaleProfileRows(ports.db, subject)) await ports.cache.delete(key);
  }
  return profile;
}

/**
 * The worker stored these events: their (user, symbol) pairs are marked stale first, then the cached
 * profiles of those users and symbols are dropped (in that order: see loadTradingProfile).
 */
export async function invalidateTradingProfiles(
  ports: Pick<ProfilePorts, "db" | "cache">,
  events: readonly ConsumedEvent[],
): Promise<void> {
  const pairs = new Map<string, ProfilePair>();
  const add = (userId: string, symbol: string) => pairs.set(`${userId}|${symbol}`, { userId, symbol });
  for (const event of events) {
    if (event.event_type === "quote") continue;
    if (event.event_type === "trade.executed") {
      add(event.buy_user_id, event.symbol);
      add(event.sell_user_id, event.symbol);
    } else add(event.user_id, event.symbol);
  }
  if (pairs.size === 0) return;
  // Sorted, so concurrent batches lock the rows in one order and cannot deadlock.
  const sorted = [...pairs.values()].sort((a, b) =>
    a.userId === b.userId ? (a.symbol < b.symbol ? -1 : 1) : a.userId < b.userId ? -1 : 1,
  );
  await markProfilesStale(ports.db, sorted);
  const cache = ports.cache;
  if (cache === undefined) return;
  const keys = new Set<string>();
  for (const pair of sorted) {
    keys.add(profileCacheKey({ kind: "user", userId: pair.userId }));
    keys.add(profileCacheKey({ kind: "symbol", symbol: pair.symbol }));
  }
  await Promise.all([...keys].map((key) => cache.delete(key)));
}
