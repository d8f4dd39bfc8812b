import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { price, quantity, timestamptz } from "./columns";

/**
 * Each venue's newest quote per symbol, for routing processes that share no cache with the worker (the
 * embedded default has no Redis): the worker writes it as quotes arrive, the web server's router reads it.
 * With REDIS_URL the quote cache in Redis serves instead and this table stays empty.
 */
export const venueQuotes = pgTable(
  "venue_quotes",
  {
    symbol: text("symbol").notNull(),
    venueId: text("venue_id").notNull(),
    bidPrice: price("bid_price").notNull(),
    bidSize: quantity("bid_size").notNull(),
    askPrice: price("ask_price").notNull(),
    askSize: quantity("ask_size").notNull(),
    /** The venue's own quote time: the router's quote TTL is measured from it. */
    quotedAt: timestamptz("quoted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.venueId] })],
);

export const breakerState = pgEnum("breaker_state", ["closed", "open", "half_open"]);

/**
 * Every change of a venue's circuit breaker as a router saw it (opened after consecutive failures,
 * half-open for a probe, closed again): the breaker history of the venue dashboard.
 */
export const venueBreakerTransitions = pgTable(
  "venue_breaker_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    venueId: text("venue_id").notNull(),
    fromState: breakerState("from_state").notNull(),
    toState: breakerState("to_state").notNull(),
    /** Which process's router saw it (worker, web): each keeps its own breakers. */
    observer: text("observer").notNull(),
    changedAt: timestamptz("changed_at").notNull(),
  },
  (t) => [
    index("venue_breaker_transitions_venue_changed_idx").on(t.venueId, t.changedAt.desc()),
    check("venue_breaker_transitions_changed", sql`${t.fromState} <> ${t.toState}`),
  ],
);
