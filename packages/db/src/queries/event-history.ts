import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { SAME_INSTANT_RANK } from "@nexus/core/events";
import type { Database } from "../client";
import { copyRows, quoteLiteral } from "./copy-rows";

/** The stored order and trade events of a period, as the contract events they were stored from. */
export type StoredTradingEvent = OrderEvent | TradeExecutedEvent;

export interface EventHistoryQuery {
  symbols: readonly string[];
  /** Inclusive, ISO-8601. */
  from: string;
  /** Exclusive, ISO-8601. */
  to: string;
}

/*
 * Timestamps come back with every stored digit (microseconds) and decimals without the storage
 * scale's trailing zeros, so a replayed event reads like the one received (evidence shows "10.5",
 * not "10.500000000000"). Postgres sends a time as its own text of the UTC time and isoOfUtcText
 * writes it as ISO-8601: to_char cost Postgres five times as much per row (316 ms against 63 ms for
 * one symbol-hour of 27,675 orders), and a historical scan reads every stored event of its period.
 */
const UTC_TEXT = "(occurred_at at time zone 'UTC')::text";

/**
 * "2026-03-02 14:30:01.00025" (Postgres' text of a timestamp: the fraction's trailing zeros trimmed,
 * none at all on a whole second) as "2026-03-02T14:30:01.000250Z": always six digits, so the strings
 * of one instant are equal and sort as the instants they name.
 */
function isoOfUtcText(text: string): string {
  const fraction = text.length > 20 ? text.slice(20) : "";
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.padEnd(6, "0")}Z`;
}

/*
 * Each stored event comes back as ONE text column, decoded here by position: a historical scan reads
 * millions of rows, and the driver's cost is per column (a string decoded from the buffer for each of
 * 14 columns, and the row object holding them), a quarter of a scan's time in this process. One
 * text per row took 4.8 us of this process's CPU per order against 8.3 (269k orders of 6 symbols).
 * Enum columns travel as one character each and decode to the contract's own strings (no string is
 * made for them); uuids as their fixed 36 characters; the rest separated by U+001F, a control
 * character, which no stored identifier holds (the contract refuses them, core/events/fields.ts) and
 * no time, decimal or symbol does: accounts and venues read back as stored, whatever else they hold.
 */
const SEPARATOR = "\u001f";
const SEPARATOR_SQL = `chr(${SEPARATOR.charCodeAt(0)})`;

/** One character per value of an enum column ('-' for null) in SQL, and the value of each character. */
function enumCodes<Value extends string>(column: string, codes: Readonly<Record<Value, string>>) {
  const entries = Object.entries(codes) as [Value, string][];
  const valueOf: Record<string, Value> = {};
  for (const [value, code] of entries) valueOf[code] = value;
  return {
    sql: `case ${column} ${entries.map(([value, code]) => `when '${value}' then '${code}'`).join(" ")} else '-' end`,
    valueOf,
  };
}

const eventTypes = enumCodes<OrderEvent["event_type"]>("event_type", {
  "order.created": "c",
  "order.modified": "m",
  "order.cancelled": "x",
});
const sides = (column: string) => enumCodes<OrderEvent["side"]>(column, { buy: "b", sell: "s" });
const orderTypes = enumCodes<OrderEvent["order_type"]>("order_type", { limit: "l", market: "m" });
const capacities = enumCodes<"agency" | "principal">("capacity", { agency: "a", principal: "p" });
const timesInForce = enumCodes<NonNullable<OrderEvent["time_in_force"]>>("time_in_force", {
  day: "d",
  ioc: "i",
  gtc: "g",
  fok: "f",
});
const orderSide = sides("side");
const aggressorSide = sides("aggressor_side");

const UUID_LENGTH = 36;
/** Where the n-th uuid of a text starts, after `codes` one-character enum codes. */
const uuidStart = (codes: number, n: number) => codes + n * UUID_LENGTH;
/** Where each fixed field of an order's text starts (after five codes); the separated ones follow. */
const ORDER = {
  eventId: uuidStart(5, 0),
  orderId: uuidStart(5, 1),
  userId: uuidStart(5, 2),
  rest: uuidStart(5, 3),
};
/** Where each fixed field of a trade's text starts (after two codes); the separated ones follow. */
const TRADE = {
  eventId: uuidStart(2, 0),
  tradeId: uuidStart(2, 1),
  buyOrderId: uuidStart(2, 2),
  sellOrderId: uuidStart(2, 3),
  buyUserId: uuidStart(2, 4),
  sellUserId: uuidStart(2, 5),
  rest: uuidStart(2, 6),
};

/** The fields every event's text has after its fixed ones (empty for a null price or venue). */
const COMMON_FIELDS = `${UTC_TEXT}, coalesce(trim_scale(price)::text, ''), trim_scale(quantity)::text, symbol, coalesce(venue_id, '')`;

/**
 * An order: event type, side, order type, capacity and time in force (one character each), event_id,
 * order_id, user_id, then time, price, quantity, symbol, venue and account, separated.
 */
const ORDER_TEXT = `concat(
  ${eventTypes.sql}, ${orderSide.sql}, ${orderTypes.sql}, ${capacities.sql}, ${timesInForce.sql},
  event_id, order_id, user_id, concat_ws(${SEPARATOR_SQL}, ${COMMON_FIELDS}, account_id))`;

/** What a trade's text starts with, where an order's has its event type's (none of which it is). */
const TRADE_CODE = "t";

/**
 * A trade: its code, aggressor side (one character), event_id, trade_id, buy and sell order ids, buy
 * and sell user ids, then time, price, quantity, symbol, venue, buy account and sell account, separated.
 */
const TRADE_TEXT = `concat(
  '${TRADE_CODE}', ${aggressorSide.sql}, event_id, trade_id, buy_order_id, sell_order_id, buy_user_id,
  sell_user_id, concat_ws(${SEPARATOR_SQL}, ${COMMON_FIELDS}, buy_account_id, sell_account_id))`;

/**
 * The separated fields every event's text has after its fixed ones; `end` is where the next field
 * starts. One object, reused: a row is decoded before the next is.
 */
const common = { occurredAt: "", price: "", quantity: "", symbol: "", venue: "", end: 0 };
function readCommon(text: string, start: number): typeof common {
  const timeEnd = text.indexOf(SEPARATOR, start);
  const priceEnd = text.indexOf(SEPARATOR, timeEnd + 1);
  const quantityEnd = text.indexOf(SEPARATOR, priceEnd + 1);
  const symbolEnd = text.indexOf(SEPARATOR, quantityEnd + 1);
  const venueEnd = text.indexOf(SEPARATOR, symbolEnd + 1);
  common.occurredAt = isoOfUtcText(text.slice(start, timeEnd));
  common.price = text.slice(timeEnd + 1, priceEnd);
  common.quantity = text.slice(priceEnd + 1, quantityEnd);
  common.symbol = text.slice(quantityEnd + 1, symbolEnd);
  common.venue = text.slice(symbolEnd + 1, venueEnd);
  common.end = venueEnd + 1;
  return common;
}

const uuidAt = (text: string, start: number) => text.slice(start, start + UUID_LENGTH);

// The optional fields are assigned, not spread in: a scan builds millions of these, and a spread of a
// conditional object allocates a temporary object per row and copies it.
function orderEventOf(text: string): OrderEvent {
  const fields = readCommon(text, ORDER.rest);
  const event: OrderEvent = {
    event_id: uuidAt(text, ORDER.eventId),
    event_type: eventTypes.valueOf[text.charAt(0)] as OrderEvent["event_type"],
    occurred_at: fields.occurredAt,
    order_id: uuidAt(text, ORDER.orderId),
    user_id: uuidAt(text, ORDER.userId),
    account_id: text.slice(fields.end),
    symbol: fields.symbol,
    side: orderSide.valueOf[text.charAt(1)] as OrderEvent["side"],
    order_type: orderTypes.valueOf[text.charAt(2)] as OrderEvent["order_type"],
    price: fields.price === "" ? null : fields.price,
    quantity: fields.quantity,
    capacity: capacities.valueOf[text.charAt(3)] as "agency" | "principal",
  };
  if (fields.venue !== "") event.venue_id = fields.venue;
  const timeInForce = timesInForce.valueOf[text.charAt(4)];
  if (timeInForce !== undefined) event.time_in_force = timeInForce;
  return event;
}

function tradeEventOf(text: string): TradeExecutedEvent {
  const fields = readCommon(text, TRADE.rest);
  const buyAccountEnd = text.indexOf(SEPARATOR, fields.end);
  const event: TradeExecutedEvent = {
    event_id: uuidAt(text, TRADE.eventId),
    event_type: "trade.executed",
    occurred_at: fields.occurredAt,
    trade_id: uuidAt(text, TRADE.tradeId),
    symbol: fields.symbol,
    price: fields.price,
    quantity: fields.quantity,
    buy_order_id: uuidAt(text, TRADE.buyOrderId),
    sell_order_id: uuidAt(text, TRADE.sellOrderId),
    buy_user_id: uuidAt(text, TRADE.buyUserId),
    sell_user_id: uuidAt(text, TRADE.sellUserId),
    buy_account_id: text.slice(fields.end, buyAccountEnd),
    sell_account_id: text.slice(buyAccountEnd + 1),
    aggressor_side: aggressorSide.valueOf[text.charAt(1)] as TradeExecutedEvent["aggressor_side"],
  };
  if (fields.venue !== "") event.venue_id = fields.venue;
  return event;
}

/**
 * Events handed to `onEvents` at a time. Small: a batch is replayed as soon as it is full, before more
 * is read, and what is held meanwhile survives the young generation's collections, whose cost is
 * copying it (a 1M-order scan spent 3.9 s in them with batches of 4,096 rows, 1.8 s with 256).
 */
const BATCH_EVENTS = 256;

const ORDER_EVENT_TYPES = ["order.created", "order.modified", "order.cancelled"] as const;
/** An order event's rank among the events of its instant (SAME_INSTANT_RANK), in SQL. */
const ORDER_RANK = `case event_type ${ORDER_EVENT_TYPES.map((type) => `when '${type}' then ${SAME_INSTANT_RANK[type]}`).join(" ")} end`;
const TRADE_RANK = SAME_INSTANT_RANK["trade.executed"];

/**
 * The symbols' orders and trades of the period as one query of each event's text: symbol by symbol,
 * each one's in event-time order, events of one instant by rank (an order and a trade of one instant
 * never share one), then in the order they were stored (ctid; only rows of one table can tie that
 * far). COPY takes no parameters: the symbols and bounds are literals.
 */
function historyQuery(query: EventHistoryQuery): string {
  const where = `symbol in (${query.symbols.map(quoteLiteral).join(", ")})
    and occurred_at >= ${quoteLiteral(query.from)}::timestamptz and occurred_at < ${quoteLiteral(query.to)}::timestamptz`;
  return `select event from (
      select ${ORDER_TEXT} as event, symbol, occurred_at, ${ORDER_RANK} as rank, ctid as stored
        from order_events where ${where}
      union all
      select ${TRADE_TEXT}, symbol, occurred_at, ${TRADE_RANK}, ctid from trade_events where ${where}
    ) as history order by symbol, occurred_at, rank, stored`;
}

/**
 * The symbols' stored order and trade events with from <= occurred_at < to, handed to `onEvents` a batch
 * at a time as they are read, so a period of any length is replayed in bounded memory. One symbol's
 * events after another's (in the order Postgres sorts the symbols), each symbol's in event-time order:
 * events of one instant as a venue emits them (entry, trade, cancel), those of one instant and rank in
 * the order they were stored. Symbol by symbol because the callers replay each symbol on its own: a
 * scan reading six symbols at once spent 9.5 s of CPU replaying them so against 13-14 s with their
 * events interleaved in time (each event touching another symbol's detector state).
 *
 * One COPY statement (copy-rows.ts), so one snapshot; the symbols' rows are read in one pass over each
 * table, whose pages hold every symbol's events side by side.
 */
export async function streamEventHistory(
  db: Database,
  query: EventHistoryQuery,
  onEvents: (events: StoredTradingEvent[]) => void,
): Promise<void> {
  if (query.symbols.length === 0) return;
  let batch: StoredTradingEvent[] = [];
  await copyRows(db, historyQuery(query), (text) => {
    batch.push(text.startsWith(TRADE_CODE) ? tradeEventOf(text) : orderEventOf(text));
    if (batch.length === BATCH_EVENTS) {
      const full = batch;
      batch = [];
      onEvents(full);
    }
  });
  if (batch.length > 0) onEvents(batch);
}

/**
 * The symbols' stored events of a period at once (streamEventHistory collected). The surveillance
 * worker rebuilds a symbol's detector state from it when it takes the symbol over, and the book replay
 * shows it.
 */
export async function readEventHistory(
  db: Database,
  query: EventHistoryQuery,
): Promise<StoredTradingEvent[]> {
  const events: StoredTradingEvent[] = [];
  await streamEventHistory(db, query, (batch) => {
    for (const event of batch) events.push(event);
  });
  return events;
}
