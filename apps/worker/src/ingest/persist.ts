/**
 * Stores decoded contract events: split by kind, one bulk INSERT per kind (@nexus/db/queries/events
 * sizes the statements), the kinds written in parallel.
 *
 * Why parallel and not one transaction: every insert is idempotent on event_id (ON CONFLICT DO
 * NOTHING), and the bus commits offsets only after the whole batch resolved. If one kind fails, the
 * batch throws, nothing is committed, Kafka redelivers it, and the kinds that had already been stored
 * are skipped as duplicates. Atomicity across kinds would buy nothing, while a single transaction would
 * serialise the three tables on one connection and hold row locks for the whole batch.
 */
import type { ConsumedEvent, OrderEvent, QuoteEvent, TradeExecutedEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import { insertOrderEvents, insertQuoteEvents, insertTradeEvents } from "@nexus/db/queries/events";

interface EventsByKind {
  orders: OrderEvent[];
  trades: TradeExecutedEvent[];
  quotes: QuoteEvent[];
}

export interface PersistOutcome {
  /** Rows newly written. */
  stored: number;
  /** The events newly written, in the batch's order: what the engines downstream have not seen. */
  fresh: ConsumedEvent[];
  /** Events whose event_id was already stored (redelivery, replay, or twice in this batch). */
  duplicates: number;
}

function splitByKind(events: readonly ConsumedEvent[]): EventsByKind {
  const kinds: EventsByKind = { orders: [], trades: [], quotes: [] };
  for (const event of events) {
    switch (event.event_type) {
      case "trade.executed":
        kinds.trades.push(event);
        break;
      case "quote":
        kinds.quotes.push(event);
        break;
      default:
        kinds.orders.push(event);
    }
  }
  return kinds;
}

/**
 * Each batch's part of its group's outcome (grouped-writes.ts): the group's fresh events are the batches'
 * own objects, looked up in one set for the whole group.
 */
export function shareOfPersisted(outcome: PersistOutcome): (own: readonly ConsumedEvent[]) => PersistOutcome {
  const fresh = new Set(outcome.fresh);
  return (own) => {
    const ownFresh = own.filter((event) => fresh.has(event));
    return { stored: ownFresh.length, fresh: ownFresh, duplicates: own.length - ownFresh.length };
  };
}

export async function persistEvents(db: Database, events: readonly ConsumedEvent[]): Promise<PersistOutcome> {
  const { orders, trades, quotes } = splitByKind(events);
  // allSettled, not all: the batch must not be reported failed (and redelivered) while another kind's
  // insert is still running against the same rows.
  const none: string[] = [];
  const results = await Promise.allSettled([
    orders.length > 0 ? insertOrderEvents(db, orders) : none,
    trades.length > 0 ? insertTradeEvents(db, trades) : none,
    quotes.length > 0 ? insertQuoteEvents(db, quotes) : none,
  ]);
  const storedIds = new Set<string>();
  for (const result of results) {
    if (result.status === "rejected") throw result.reason;
    for (const eventId of result.value) storedIds.add(eventId);
  }
  // An id twice in one batch is stored once: the first occurrence is the fresh one.
  const fresh = events.filter((event) => storedIds.delete(event.event_id));
  return { stored: fresh.length, fresh, duplicates: events.length - fresh.length };
}
