import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { SAME_INSTANT_RANK } from "@nexus/core/events";
import { sql } from "drizzle-orm";
import type { Database } from "../client";

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
/** Where each fixed field of a trade's text starts (after one code); the separated ones follow. */
const TRADE = {
  eventId: uuidStart(1, 0),
  tradeId: uuidStart(1, 1),
  buyOrderId: uuidStart(1, 2),
  sellOrderId: uuidStart(1, 3),
  buyUserId: uuidStart(1, 4),
  sellUserId: uuidStart(1, 5),
  rest: uuidStart(1, 6),
};

/** The fields every event's text has after its fixed ones (empty for a null price or venue). */
const COMMON_FIELDS = `${UTC_TEXT}, coalesce(trim_scale(price)::text, ''), trim_scale(quantity)::text, symbol, coalesce(venue_id, '')`;

/**
 * An order: event type, side, order type, capacity and time in force (one character each), event_id,
 * order_id, user_id, then time, price, quantity, symbol, venue and account, separated.
 */
const orderText = sql.raw(`concat(
  ${eventTypes.sql}, ${orderSide.sql}, ${orderTypes.sql}, ${capacities.sql}, ${timesInForce.sql},
  event_id, order_id, user_id, concat_ws(${SEPARATOR_SQL}, ${COMMON_FIELDS}, account_id))`);

/**
 * A trade: aggressor side (one character), event_id, trade_id, buy and sell order ids, buy and sell
 * user ids, then time, price, quantity, symbol, venue, buy account and sell account, separated.
 */
const tradeText = sql.raw(`concat(
  ${aggressorSide.sql}, event_id, trade_id, buy_order_id, sell_order_id, buy_user_id, sell_user_id,
  concat_ws(${SEPARATOR_SQL}, ${COMMON_FIELDS}, buy_account_id, sell_account_id))`);

interface TextRow extends Record<string, unknown> {
  event: string;
}

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
function orderEventOf(row: TextRow): OrderEvent {
  const text = row.event;
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

function tradeEventOf(row: TextRow): TradeExecutedEvent {
  const text = row.event;
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
    aggressor_side: aggressorSide.valueOf[text.charAt(0)] as TradeExecutedEvent["aggressor_side"],
  };
  if (fields.venue !== "") event.venue_id = fields.venue;
  return event;
}

/**
 * Rows each of a streamed read's two cursors fetches at a time. Small: what is read ahead survives the
 * young generation's collections while the batch before it is replayed, and copying it is their cost
 * (a 1M-order scan spent 3.9 s in them with 4,096 rows, 1.8 s with 256; more round trips cost less).
 */
const FETCH_ROWS = 256;

const ORDER_EVENT_TYPES = ["order.created", "order.modified", "order.cancelled"] as const;
/** An order event's rank among the events of its instant (SAME_INSTANT_RANK), in SQL. */
const orderRank = sql.raw(
  `case event_type ${ORDER_EVENT_TYPES.map((type) => `when '${type}' then ${SAME_INSTANT_RANK[type]}`).join(" ")} end`,
);
const TRADE_RANK = SAME_INSTANT_RANK["trade.executed"];

/**
 * One table's rows through a cursor of the read's transaction, decoded a batch at a time; the next
 * batch is fetched while this one is merged and replayed, so the database and the caller overlap.
 */
class CursorBatches<Row extends Record<string, unknown>, Event extends StoredTradingEvent> {
  events: Event[] = [];
  index = 0;
  private done = false;
  private next: Promise<Row[]> | undefined;

  constructor(
    private readonly fetch: () => Promise<Row[]>,
    private readonly decode: (row: Row) => Event,
  ) {}

  /** Every row has been fetched and taken. */
  get finished(): boolean {
    return this.done && this.index >= this.events.length;
  }

  /** Replaces a taken batch with the next one (nothing to do while events remain or none are left). */
  async refill(): Promise<void> {
    if (this.index < this.events.length || this.done) return;
    const rows = await (this.next ?? this.fetch());
    this.done = rows.length < FETCH_ROWS;
    this.next = this.done ? undefined : this.fetch();
    // Awaited by the next refill; if the read stops before that (the caller threw), its failure must
    // not surface as an unhandled rejection.
    this.next?.catch(() => undefined);
    this.events = rows.map(this.decode);
    this.index = 0;
  }
}

/**
 * The symbols' stored order and trade events with from <= occurred_at < to, in event-time order (events
 * of one instant as a venue emits them: entry, trade, cancel; events of one instant and rank in the
 * order they were stored), handed to `onEvents` a batch at a time as they are read, so a period of any
 * length is replayed in bounded memory. Orders and trades come through a cursor each, in that order
 * already (the (symbol, occurred_at) index gives it; Postgres only orders each instant's few rows), and
 * are merged here. Runs in a transaction of its own (a savepoint in the caller's): one snapshot.
 */
export async function streamEventHistory(
  db: Database,
  query: EventHistoryQuery,
  onEvents: (events: StoredTradingEvent[]) => void,
): Promise<void> {
  if (query.symbols.length === 0) return;
  const symbols = sql`(${sql.join(
    query.symbols.map((symbol) => sql`${symbol}`),
    sql`, `,
  )})`;
  const period = sql`occurred_at >= ${query.from}::timestamptz and occurred_at < ${query.to}::timestamptz`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      declare history_orders no scroll cursor for
      select ${orderText} as event from order_events where symbol in ${symbols} and ${period}
       order by occurred_at, ${orderRank}, ctid`);
    await tx.execute(sql`
      declare history_trades no scroll cursor for
      select ${tradeText} as event from trade_events where symbol in ${symbols} and ${period}
       order by occurred_at, ctid`);
    const fetchRows = sql.raw(String(FETCH_ROWS));
    const orders = new CursorBatches(
      async () => [...(await tx.execute<TextRow>(sql`fetch ${fetchRows} from history_orders`))],
      orderEventOf,
    );
    const trades = new CursorBatches(
      async () => [...(await tx.execute<TextRow>(sql`fetch ${fetchRows} from history_trades`))],
      tradeEventOf,
    );
    await Promise.all([orders.refill(), trades.refill()]);
    while (!orders.finished || !trades.finished) {
      const merged: StoredTradingEvent[] = [];
      // Both batches in hand: the earlier event first (ISO-8601 UTC strings of one width sort as the
      // instants they name; an order and a trade of one instant never share a rank).
      while (orders.index < orders.events.length && trades.index < trades.events.length) {
        const order = orders.events[orders.index] as OrderEvent;
        const trade = trades.events[trades.index] as TradeExecutedEvent;
        if (
          order.occurred_at < trade.occurred_at ||
          (order.occurred_at === trade.occurred_at && SAME_INSTANT_RANK[order.event_type] < TRADE_RANK)
        ) {
          merged.push(order);
          orders.index++;
        } else {
          merged.push(trade);
          trades.index++;
        }
      }
      // One side has nothing more to come: the other's batch follows as it is.
      for (const [rest, other] of [
        [orders, trades],
        [trades, orders],
      ] as const)
        if (other.finished)
          while (rest.index < rest.events.length)
            merged.push(rest.events[rest.index++] as StoredTradingEvent);
      if (merged.length > 0) onEvents(merged);
      await Promise.all([orders.refill(), trades.refill()]);
    }
    // Closed, not left to the transaction's end: in a caller's transaction a second read declares them again.
    await tx.execute(sql`close history_orders`);
    await tx.execute(sql`close history_trades`);
  });
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
