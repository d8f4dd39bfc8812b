/**
 * A quarter of routed orders written straight into routing_decisions and execution_logs with SQL
 * (generate_series), for the report tests, the e2e test and the 606 bench: deterministic and idempotent
 * (a second run adds nothing), every order type and both
 * sides, a not-held order in fifty, S&P 500 and other stocks, venues with awkward names.
 */
import type { Database } from "@nexus/db/client";
import { insertVenueConfiguration, listVenueConfigurations } from "@nexus/db/queries/routing";
import { marketBars } from "@nexus/db/schema";
import { Decimal } from "@nexus/core/money";
import { sql } from "drizzle-orm";

/** A venue name with commas and periods (the SEC renderer once cut such names at the period). */
export const COMMA_VENUE_NAME = "Cboe BZX Exchange, Inc. (f/k/a Bats, Inc.), Equities & Options.";
/** Exactly the schema's 80 characters. */
export const LONG_VENUE_NAME =
  "The Very Long Alternative Trading System, Operated by Example Securities, L.L.C.";

export const SEED_VENUES = [
  {
    venueId: "XNYS",
    name: "New York Stock Exchange, LLC.",
    mic: "XNYS",
    venueType: "exchange" as const,
    pfof: "0",
  },
  { venueId: "BATS", name: COMMA_VENUE_NAME, mic: "BATS", venueType: "exchange" as const, pfof: "0" },
  { venueId: "LONGATS", name: LONG_VENUE_NAME, mic: "LATS", venueType: "ats" as const, pfof: "0" },
  {
    venueId: "MM1",
    name: "Wholesale Market Maker, L.P.",
    mic: null,
    venueType: "market_maker" as const,
    pfof: "0.0015",
  },
  {
    venueId: "INTERNAL",
    name: "NexusTrade Internal Cross",
    mic: null,
    venueType: "internal" as const,
    pfof: "0",
  },
];

export const SP500_SYMBOLS = ["AAPL", "MSFT", "JPM"];
export const OTHER_SYMBOLS = ["ZNGA"];

/** Adds the venues (those not configured yet) and the S&P 500 bars; running it twice changes nothing. */
export async function seedVenues(db: Database): Promise<void> {
  const existing = new Set((await listVenueConfigurations(db)).map((venue) => venue.venueId));
  for (const venue of SEED_VENUES.filter((v) => !existing.has(v.venueId))) {
    await insertVenueConfiguration(db, {
      venueId: venue.venueId,
      name: venue.name,
      mic: venue.mic,
      venueType: venue.venueType,
      makerFee: new Decimal("-0.0020"),
      takerFee: new Decimal("0.0030"),
      expectedLatencyMs: 5,
      paymentForOrderFlow: new Decimal(venue.pfof),
    });
  }
  // The S&P 500 list is the symbols with daily bars (listSp500Symbols).
  await db
    .insert(marketBars)
    .values(SP500_SYMBOLS.map((symbol) => ({ symbol, date: "2016-03-31", close: new Decimal(100) })))
    .onConflictDoNothing();
}

/**
 * `orders` orders spread evenly over [from, to), one execution each (its venue by the order's number),
 * for the given customers in turn. Order i: a buy when (i / 4) is even, else a sell; i % 4 = 0 a market order, 1 a limit
 * at 100.05 (marketable for a buy against 100.00 x 100.02, not for a sell), 2 a limit at 99.99 (the
 * reverse), 3 a limit with no NBBO at all (other); not held when i % 50 = 0; symbol i % 4 (ZNGA is not in
 * the S&P 500). Fills at 100.01 (the midpoint), 5 ms after receipt, fee $0.003 per share.
 */
export async function seedRoutedOrders(
  db: Database,
  options: { from: Date; to: Date; orders: number; customers: readonly string[] },
): Promise<void> {
  const symbols = [...SP500_SYMBOLS, ...OTHER_SYMBOLS];
  const venues = SEED_VENUES.map((v) => v.venueId);
  const span = options.to.getTime() - options.from.getTime();
  await db.execute(sql`
    insert into routing_decisions (id, order_id, user_id, symbol, side, quantity, limit_price, strategy, handling,
      outcome, selected_venue_id, reason, nbbo_bid_price, nbbo_ask_price, decided_at)
    select md5('d' || i)::uuid, md5('o' || i)::uuid,
      (${sql.param([...options.customers])}::uuid[])[1 + i % ${options.customers.length}],
      (${sql.param(symbols)}::text[])[1 + i % ${symbols.length}],
      (case when (i / 4) % 2 = 0 then 'buy' else 'sell' end)::side,
      100 + (i % 10) * 100,
      case i % 4 when 0 then null when 1 then 100.05 when 2 then 99.99 else 100.01 end,
      'best_price', (case when i % 50 = 0 then 'not_held' else 'held' end)::order_handling,
      'routed', (${sql.param(venues)}::text[])[1 + (i * 7) % ${venues.length}], 'seeded',
      case when i % 4 = 3 then null else 100.00 end, case when i % 4 = 3 then null else 100.02 end,
      ${options.from.toISOString()}::timestamptz + (i * ${span / options.orders}::float8) * interval '1 millisecond'
    from generate_series(0, ${options.orders - 1}) as i
    on conflict (id) do nothing`);
  await db.execute(sql`
    insert into execution_logs (decision_id, order_id, venue_id, status, requested_quantity, executed_quantity,
      executed_price, latency_ms, fee, execution_quality, executed_at)
    select id, order_id, selected_venue_id, 'filled', quantity, quantity, 100.01, 5, quantity * 0.003, 'good',
      decided_at + interval '5 milliseconds'
    from routing_decisions d where reason = 'seeded' and decided_at >= ${options.from.toISOString()}::timestamptz
      and decided_at < ${options.to.toISOString()}::timestamptz
      and not exists (select 1 from execution_logs x where x.decision_id = d.id)`);
}
