import { describe, expect, it } from "vitest";
import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import { Decimal } from "../money";
import { BookReplay, replayBook, replayTickSize } from "./book-replay";

const ALICE = "00000000-0000-4000-8000-0000000000a1";
const BOB = "00000000-0000-4000-8000-0000000000b2";
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
let nextEventId = 1000;

function order(
  type: OrderEvent["event_type"],
  n: number,
  side: "buy" | "sell",
  quantity: string,
  price: string | null,
  at = "2026-11-24T14:30:00.000000Z",
  userId = ALICE,
): OrderEvent {
  return {
    event_id: idOf(nextEventId++),
    event_type: type,
    occurred_at: at,
    order_id: idOf(n),
    user_id: userId,
    account_id: userId,
    symbol: "AAPL",
    side,
    order_type: price === null ? "market" : "limit",
    price,
    quantity,
    capacity: "principal",
  };
}

function trade(buy: number, sell: number, quantity: string, price: string, at: string): TradeExecutedEvent {
  return {
    event_id: idOf(nextEventId++),
    event_type: "trade.executed",
    occurred_at: at,
    trade_id: idOf(nextEventId++),
    symbol: "AAPL",
    price,
    quantity,
    buy_order_id: idOf(buy),
    sell_order_id: idOf(sell),
    buy_user_id: ALICE,
    sell_user_id: BOB,
    buy_account_id: ALICE,
    sell_account_id: BOB,
    aggressor_side: "buy",
  };
}

const ladder = (levels: { price: string; quantity: string; orders: number }[]) =>
  levels.map((level) => `${level.quantity}@${level.price}x${level.orders}`);

const replayOf = (events: (OrderEvent | TradeExecutedEvent)[]) => {
  const replay = new BookReplay("AAPL", replayTickSize(events));
  for (const event of events) replay.apply(event);
  return replay;
};

describe("book replay from stored events", () => {
  it("rests created orders at their prices, best first on each side, the levels summed", () => {
    const frame = replayOf([
      order("order.created", 1, "buy", "100", "189.25"),
      order("order.created", 2, "buy", "50", "189.25"),
      order("order.created", 3, "buy", "200", "189.20"),
      order("order.created", 4, "sell", "300", "189.30"),
      order("order.created", 5, "sell", "10", "189.28"),
    ]).frame(10);
    expect(ladder(frame.bids)).toEqual(["150@189.25x2", "200@189.2x1"]);
    expect(ladder(frame.asks)).toEqual(["10@189.28x1", "300@189.3x1"]);
    expect(frame.applied).toBe(5);
    expect(frame.lastTrade).toBeNull();
  });

  it("shows only the best `depth` levels of each side", () => {
    const frame = replayOf([
      order("order.created", 1, "buy", "1", "10.01"),
      order("order.created", 2, "buy", "1", "10.02"),
      order("order.created", 3, "buy", "1", "10.03"),
    ]).frame(2);
    expect(frame.bids.map((level) => level.price)).toEqual(["10.03", "10.02"]);
  });

  it("re-prices and re-sizes a modified order, the new quantity being what is open", () => {
    const frame = replayOf([
      order("order.created", 1, "sell", "50000", "189.30"),
      order("order.modified", 1, "sell", "40000", "189.28"),
    ]).frame(10);
    expect(ladder(frame.asks)).toEqual(["40000@189.28x1"]);
  });

  it("places an order first seen by its modify (entered before the replay's start)", () => {
    const frame = replayOf([order("order.modified", 9, "buy", "70", "10.5")]).frame(10);
    expect(ladder(frame.bids)).toEqual(["70@10.5x1"]);
  });

  it("takes the cancelled quantity off and keeps the rest resting", () => {
    const replay = replayOf([
      order("order.created", 1, "buy", "100", "10"),
      order("order.cancelled", 1, "buy", "30", "10"),
    ]);
    expect(ladder(replay.frame(10).bids)).toEqual(["70@10x1"]);
    replay.apply(order("order.cancelled", 1, "buy", "70", "10"));
    expect(replay.frame(10).bids).toEqual([]);
  });

  it("removes a whole order on a cancel whose quantity is not whole shares", () => {
    const frame = replayOf([
      order("order.created", 1, "buy", "100", "10"),
      order("order.cancelled", 1, "buy", "0.5", "10"),
    ]).frame(10);
    expect(frame.bids).toEqual([]);
  });

  it("ignores a cancel of an order it never saw", () => {
    const frame = replayOf([order("order.cancelled", 7, "sell", "10", "11")]).frame(10);
    expect(frame.asks).toEqual([]);
    expect(frame.applied).toBe(1);
  });

  it("reduces both orders of a trade, drops filled ones, and remembers the last trade", () => {
    const frame = replayOf([
      order("order.created", 1, "sell", "100", "10.01"),
      order("order.created", 2, "buy", "40", null),
      trade(2, 1, "40", "10.01", "2026-11-24T14:30:00.002000Z"),
      order("order.created", 3, "buy", "20", "10"),
      order("order.created", 4, "sell", "20", "10"),
      trade(3, 4, "20", "10", "2026-11-24T14:30:00.003000Z"),
    ]).frame(10);
    expect(ladder(frame.asks)).toEqual(["60@10.01x1"]);
    expect(frame.bids).toEqual([]);
    expect(frame.lastTrade).toEqual({
      at: "2026-11-24T14:30:00.003000Z",
      price: "10",
      quantity: "20",
      aggressorSide: "buy",
    });
  });

  it("marks the highlighted user's open quantity at each level", () => {
    const frame = replayOf([
      order("order.created", 1, "sell", "500", "20", undefined, BOB),
      order("order.created", 2, "sell", "300", "20", undefined, ALICE),
      order("order.created", 3, "sell", "100", "20.5", undefined, ALICE),
    ]).frame(10, ALICE);
    expect(frame.asks.map((level) => [level.price, level.quantity, level.highlighted])).toEqual([
      ["20", "800", "300"],
      ["20.5", "100", "100"],
    ]);
  });

  it("keys levels on the finest price digit the events carry, at least a cent", () => {
    expect(replayTickSize([order("order.created", 1, "buy", "1", "10")]).toFixed()).toBe("0.01");
    expect(replayTickSize([order("order.created", 1, "buy", "1", null)]).toFixed()).toBe("0.01");
    expect(
      replayTickSize([
        order("order.created", 1, "buy", "1", "0.1234"),
        order("order.created", 2, "buy", "1", "10.5"),
      ]).toFixed(),
    ).toBe("0.0001");
    const frame = replayOf([
      order("order.created", 1, "buy", "1", "0.1234"),
      order("order.created", 2, "buy", "1", "0.1235"),
    ]).frame(10);
    expect(frame.bids.map((level) => level.price)).toEqual(["0.1235", "0.1234"]);
  });

  it("skips, with the reason, an order it cannot place and keeps going", () => {
    const replay = new BookReplay("AAPL", new Decimal("0.01"));
    replay.apply(order("order.created", 1, "buy", "10.5", "10"));
    replay.apply(order("order.created", 2, "buy", "1", "10.001"));
    replay.apply(order("order.created", 3, "buy", "5", "9"));
    const frame = replay.frame(10);
    expect(ladder(frame.bids)).toEqual(["5@9x1"]);
    expect(frame.skipped.map((skip) => skip.reason)).toEqual([
      "quantity 10.5 is not a whole number of shares",
      "price 10.001 is off the 0.01 tick grid",
    ]);
  });
});

describe("replayBook", () => {
  const at = (ms: number) => `2026-11-24T14:30:00.${String(ms).padStart(3, "0")}000Z`;

  it("steps by instant: the current one, the one before, and the last events newest first", () => {
    const events = [
      order("order.created", 1, "sell", "100", "10.01", at(1)),
      order("order.created", 2, "buy", "100", "10", at(5)),
      order("order.created", 3, "buy", "40", "10.01", at(9)),
      trade(3, 1, "40", "10.01", at(9)),
    ];
    const result = replayBook("AAPL", events, { depth: 5, highlightUserId: ALICE, recentEvents: 3 });
    expect(result.currentInstant).toBe(at(9));
    expect(result.previousInstant).toBe(at(5));
    expect(result.recent.map((event) => event.event_id)).toEqual(
      [events[3], events[2], events[1]].map((event) => event?.event_id),
    );
    expect(result.tickSize).toBe("0.01");
    expect(ladder(result.asks)).toEqual(["60@10.01x1"]);
    expect(ladder(result.bids)).toEqual(["100@10x1"]);
  });

  it("is an empty book with no instants before the first event", () => {
    const result = replayBook("AAPL", [], { depth: 5, recentEvents: 10 });
    expect(result).toMatchObject({
      bids: [],
      asks: [],
      currentInstant: null,
      previousInstant: null,
      recent: [],
    });
  });
});
