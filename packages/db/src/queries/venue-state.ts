import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { venueBreakerTransitions, venueQuotes } from "../schema/index";

export type VenueQuoteRow = typeof venueQuotes.$inferSelect;
export type BreakerTransitionRow = typeof venueBreakerTransitions.$inferSelect;
export type NewBreakerTransition = typeof venueBreakerTransitions.$inferInsert;

/**
 * Stores each venue's newest quote per symbol in one statement; a quote older than the stored one
 * (redelivery, reorder) leaves it as it is.
 */
export async function upsertVenueQuotes(db: Database, quotes: readonly VenueQuoteRow[]): Promise<void> {
  if (quotes.length === 0) return;
  await db
    .insert(venueQuotes)
    .values([...quotes])
    .onConflictDoUpdate({
      target: [venueQuotes.symbol, venueQuotes.venueId],
      set: {
        bidPrice: sql`excluded.bid_price`,
        bidSize: sql`excluded.bid_size`,
        askPrice: sql`excluded.ask_price`,
        askSize: sql`excluded.ask_size`,
        quotedAt: sql`excluded.quoted_at`,
      },
      setWhere: sql`${venueQuotes.quotedAt} <= excluded.quoted_at`,
    });
}

/** The stored quotes of these venues for the symbol (venues without one are left out). */
export function readVenueQuotes(
  db: Database,
  symbol: string,
  venueIds: readonly string[],
): Promise<VenueQuoteRow[]> {
  if (venueIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(venueQuotes)
    .where(and(eq(venueQuotes.symbol, symbol), inArray(venueQuotes.venueId, [...venueIds])));
}

export async function recordBreakerTransitions(
  db: Database,
  transitions: readonly NewBreakerTransition[],
): Promise<void> {
  if (transitions.length === 0) return;
  await db.insert(venueBreakerTransitions).values([...transitions]);
}

/** Breaker changes since `since`, newest first (the venue dashboard's breaker history). */
export function listBreakerTransitions(
  db: Database,
  options: { since: Date; limit: number },
): Promise<BreakerTransitionRow[]> {
  return db
    .select()
    .from(venueBreakerTransitions)
    .where(gte(venueBreakerTransitions.changedAt, options.since))
    .orderBy(desc(venueBreakerTransitions.changedAt), desc(venueBreakerTransitions.id))
    .limit(options.limit);
}
