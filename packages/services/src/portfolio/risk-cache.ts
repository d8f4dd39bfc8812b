/**
 * Cached portfolio figures live under `portfolio:<userId>:` (Cache's `<area>:<id>` naming), so a trade
 * drops every figure of its users at once with one prefix delete. Figures also carry the positions' and
 * the market data's versions (portfolio-analytics.ts), so a process whose cache did not hear of the trade
 * (an in-memory cache in another process) still never serves a figure of the old book.
 */
import type { Cache } from "@nexus/platform/cache";

export const portfolioCachePrefix = (userId: string): string => `portfolio:${userId}:`;

/** Drops every cached figure of these users; returns how many entries went. */
export async function invalidatePortfolios(cache: Cache, userIds: Iterable<string>): Promise<number> {
  let dropped = 0;
  for (const userId of userIds) dropped += await cache.deleteByPrefix(portfolioCachePrefix(userId));
  return dropped;
}
