import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { ALICE, BOB, limit, market, orderId, testEngine } from "./test-engine";
import type { MatchingEngine } from "./matching-engine";
import type { OrderOutcome, SelfTradePrevention, TimeInForce } from "./types";

/**
 * Random sessions of submits, cancels and modifies on one symbol around 10.00 on a 0.01 grid. Limit
 * prices sit up to 6 ticks on their own side of 10.00 or up to 2 ticks through it, so queues build up
 * at a few levels (time priority matters) and some limit orders cross; half the submits are market
 * orders, which sweep the queues.
 */
const price = fc.integer({ min: 990, max: 1010 }).map((cents) => new Decimal(cents).div(100).toFixed());
const quantity = fc.integer({ min: 1, max: 300 });
const sidePrice = fc
  .tuple(fc.constantFrom("buy" as const, "sell" as const), fc.integer({ min: -2, max: 6 }))
  .map(([side, away]) => ({
    side,
    price: new Decimal(side === "buy" ? 1000 - away : 1000 + away).div(100).toFixed(),
  }));
const submit = fc.record({
  kind: fc.constant("submit" as const),
  order: sidePrice,
  market: fc.boolean(),
  quantity,
  user: fc.constantFrom(ALICE, BOB),
  timeInForce: fc.constantFrom<TimeInForce>("day", "gtc", "ioc", "fok"),
  selfTradePrevention: fc.constantFrom<SelfTradePrevention>(
    "none",
    "cancel_resting",
    "cancel_incoming",
    "cancel_both",
  ),
});
const cancel = fc.record({ kind: fc.constant("cancel" as const), target: fc.nat() });
// A new price, a new size or both, in equal shares (fc.option would leave the price alone only 1 in 6).
const modify = fc.oneof(
  fc.record({
    kind: fc.constant("modify" as const),
    target: fc.nat(),
    price,
    quantity: fc.constant(undefined),
  }),
  fc.record({
    kind: fc.constant("modify" as const),
    target: fc.nat(),
    price: fc.constant(undefined),
    quantity,
  }),
  fc.record({ kind: fc.constant("modify" as const), target: fc.nat(), price, quantity }),
);
// size "max": fast-check's default size would keep sessions to about ten operations, too short for
// queues to build up.
const session = fc.array(fc.oneof({ arbitrary: submit, weight: 3 }, cancel, modify), {
  maxLength: 150,
  size: "max",
});

type Operation = typeof session extends fc.Arbitrary<(infer T)[]> ? T : never;

/** Performs one operation; submits are numbered 1, 2, ... and cancels/modifies name one of them. */
function perform(engine: MatchingEngine, operation: Operation, submitted: number): OrderOutcome {
  if (operation.kind === "submit") {
    const extra = {
      userId: operation.user,
      timeInForce: operation.timeInForce,
      selfTradePrevention: operation.selfTradePrevention,
    };
    return engine.submit(
      operation.market
        ? market(submitted, operation.order.side, operation.quantity, extra)
        : limit(submitted, operation.order.side, operation.quantity, operation.order.price, extra),
    );
  }
  const target = targetOf(operation, submitted);
  if (operation.kind === "cancel") return engine.cancel(target);
  return engine.modify(target, {
    ...(operation.price === undefined ? {} : { price: new Decimal(operation.price) }),
    ...(operation.quantity === undefined ? {} : { quantity: new Decimal(operation.quantity) }),
  });
}

const targetOf = (operation: { target: number }, submitted: number) =>
  orderId(submitted === 0 ? 1 : (operation.target % submitted) + 1);

interface Ledger {
  submitted: number;
  filled: number;
  open: number;
  cancelled: number;
  /** Sum of fill price x fill size. */
  notional: Decimal;
}

// Generous timeouts: a few seconds of random sessions can take much longer on a loaded CI machine.
describe("matching engine properties", () => {
  it("never leaves the book crossed, conserves every order's quantity and reports its totals", () => {
    fc.assert(
      fc.property(session, (operations) => {
        const engine = testEngine();
        const ledgers = new Map<string, Ledger>();
        const ledger = (id: string) => {
          let entry = ledgers.get(id);
          if (entry === undefined) {
            entry = { submitted: 0, filled: 0, open: 0, cancelled: 0, notional: new Decimal(0) };
            ledgers.set(id, entry);
          }
          return entry;
        };
        const apply = (outcome: OrderOutcome) => {
          for (const event of outcome.orderEvents) {
            const entry = ledger(event.order_id);
            const shares = Number(event.quantity);
            if (event.event_type === "order.created") {
              entry.submitted += shares;
              entry.open += shares;
            } else if (event.event_type === "order.modified") {
              entry.submitted += shares - entry.open;
              entry.open = shares;
            } else {
              entry.cancelled += shares;
              entry.open -= shares;
            }
          }
          for (const trade of outcome.trades) {
            for (const id of [trade.buy_order_id, trade.sell_order_id]) {
              const entry = ledger(id);
              entry.filled += Number(trade.quantity);
              entry.open -= Number(trade.quantity);
              entry.notional = entry.notional.plus(new Decimal(trade.price).times(trade.quantity));
            }
          }
          // The outcome's figures are its order's totals, as the events add them up.
          const own = outcome.orderEvents[0];
          if (own !== undefined) {
            const entry = ledger(own.order_id);
            expect(outcome.filledQuantity.toNumber()).toBe(entry.filled);
            expect(outcome.openQuantity.toNumber()).toBe(entry.open);
            expect(outcome.averagePrice?.toFixed() ?? null).toBe(
              entry.filled === 0 ? null : entry.notional.div(entry.filled).toFixed(),
            );
          }
        };

        let submitted = 0;
        for (const operation of operations) {
          if (operation.kind === "submit") submitted += 1;
          const outcome = perform(engine, operation, submitted);
          if (operation.kind === "submit") {
            // fok: all or nothing; market, ioc and fok never rest.
            if (operation.timeInForce === "fok") {
              expect(outcome.trades.length === 0 || outcome.status === "filled").toBe(true);
            }
            if (operation.market || operation.timeInForce === "ioc" || operation.timeInForce === "fok") {
              expect(engine.openOrder(orderId(submitted))).toBeUndefined();
            }
            // No trade through the limit, and best prices first within the call.
            const prices = outcome.trades.map((trade) => Number(trade.price));
            const sorted = [...prices].sort((a, b) => (operation.order.side === "buy" ? a - b : b - a));
            expect(prices).toEqual(sorted);
            if (!operation.market) {
              for (const tradePrice of prices) {
                if (operation.order.side === "buy") {
                  expect(tradePrice).toBeLessThanOrEqual(Number(operation.order.price));
                } else expect(tradePrice).toBeGreaterThanOrEqual(Number(operation.order.price));
              }
            }
          }
          apply(outcome);

          const bid = engine.bestBid("AAPL");
          const ask = engine.bestAsk("AAPL");
          if (bid !== undefined && ask !== undefined) expect(bid.price.lt(ask.price)).toBe(true);
        }

        let bookShares = 0;
        const { bids, asks } = engine.depth("AAPL", 1000);
        for (const level of [...bids, ...asks]) bookShares += level.quantity.toNumber();
        let ledgerOpen = 0;
        for (const [id, entry] of ledgers) {
          expect(entry.submitted).toBe(entry.filled + entry.open + entry.cancelled);
          expect(entry.open).toBe(engine.openOrder(id)?.openQuantity.toNumber() ?? 0);
          ledgerOpen += entry.open;
        }
        expect(bookShares).toBe(ledgerOpen);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

/**
 * A deliberately naive reference book: one array of resting orders, sorted afresh for every match.
 * It follows the engine's documented rules (price, then arrival; trades at the resting price; the
 * incoming order's self-trade mode; fok decided before trading; modify keeps priority only when it just
 * shrinks) without any of its data structures, so the two agreeing on random sessions tests the
 * linked lists, level arrays and bookkeeping that make the engine fast.
 */
interface ReferenceOrder {
  id: string;
  isBuy: boolean;
  /** Limit in cents; Infinity / 0 for market buys / sells. */
  ticks: number;
  open: number;
  arrival: number;
  account: string;
  restsRemainder: boolean;
  fok: boolean;
  selfTradePrevention: SelfTradePrevention;
}

interface ReferenceCall {
  rejected: boolean;
  orderEvents: string[];
  trades: string[];
}

class ReferenceBook {
  private resting: ReferenceOrder[] = [];
  private arrivals = 0;

  submit(order: ReferenceOrder): ReferenceCall {
    const call = this.call(`created ${order.id} ${order.open} ${order.ticks}`);
    if (order.fok && !this.fillable(order))
      call.orderEvents.push(`cancelled ${order.id} ${order.open} ${order.ticks}`);
    else this.execute(order, call);
    return call;
  }

  cancel(id: string): ReferenceCall {
    const order = this.resting.find((candidate) => candidate.id === id);
    if (order === undefined) return { rejected: true, orderEvents: [], trades: [] };
    this.remove(order);
    return this.call(`cancelled ${id} ${order.open} ${order.ticks}`);
  }

  modify(id: string, ticks: number | undefined, open: number | undefined): ReferenceCall {
    const order = this.resting.find((candidate) => candidate.id === id);
    const newTicks = ticks ?? order?.ticks;
    const newOpen = open ?? order?.open;
    if (order === undefined || (newTicks === order.ticks && newOpen === order.open)) {
      return { rejected: true, orderEvents: [], trades: [] };
    }
    const call = this.call(`modified ${id} ${newOpen} ${newTicks}`);
    const keepsPriority = newTicks === order.ticks && (newOpen as number) < order.open;
    order.ticks = newTicks as number;
    order.open = newOpen as number;
    if (!keepsPriority) {
      this.remove(order);
      this.execute(order, call);
    }
    return call;
  }

  levels(isBuy: boolean): string[] {
    const byPrice = new Map<number, number>();
    for (const order of this.resting) {
      if (order.isBuy === isBuy) byPrice.set(order.ticks, (byPrice.get(order.ticks) ?? 0) + order.open);
    }
    return [...byPrice]
      .sort(([a], [b]) => (isBuy ? b - a : a - b))
      .map(([ticks, shares]) => `${shares}@${ticks}`);
  }

  private call(firstEvent: string): ReferenceCall {
    return { rejected: false, orderEvents: [firstEvent], trades: [] };
  }

  /** Opposite orders the incoming order may meet, in priority order. */
  private candidates(incoming: ReferenceOrder): ReferenceOrder[] {
    return this.resting
      .filter(
        (order) =>
          order.isBuy !== incoming.isBuy &&
          (incoming.isBuy ? order.ticks <= incoming.ticks : order.ticks >= incoming.ticks),
      )
      .sort((a, b) => (incoming.isBuy ? a.ticks - b.ticks : b.ticks - a.ticks) || a.arrival - b.arrival);
  }

  private selfTrade(incoming: ReferenceOrder, order: ReferenceOrder): boolean {
    return incoming.selfTradePrevention !== "none" && order.account === incoming.account;
  }

  private fillable(incoming: ReferenceOrder): boolean {
    let available = 0;
    for (const order of this.candidates(incoming)) {
      if (this.selfTrade(incoming, order)) {
        if (incoming.selfTradePrevention === "cancel_resting") continue;
        return false;
      }
      available += order.open;
      if (available >= incoming.open) return true;
    }
    return false;
  }

  private execute(incoming: ReferenceOrder, call: ReferenceCall): void {
    let stopped = false;
    for (const order of this.candidates(incoming)) {
      if (incoming.open === 0) break;
      if (this.selfTrade(incoming, order)) {
        if (incoming.selfTradePrevention !== "cancel_incoming") {
          this.remove(order);
          call.orderEvents.push(`cancelled ${order.id} ${order.open} ${order.ticks}`);
        }
        if (incoming.selfTradePrevention !== "cancel_resting") {
          stopped = true;
          break;
        }
        continue;
      }
      const shares = Math.min(order.open, incoming.open);
      const [buy, sell] = incoming.isBuy ? [incoming, order] : [order, incoming];
      call.trades.push(`${buy.id} ${sell.id} ${order.ticks} ${shares} ${incoming.isBuy ? "buy" : "sell"}`);
      order.open -= shares;
      incoming.open -= shares;
      if (order.open === 0) this.remove(order);
    }
    if (incoming.open === 0) return;
    if (stopped || !incoming.restsRemainder) {
      call.orderEvents.push(`cancelled ${incoming.id} ${incoming.open} ${incoming.ticks}`);
    } else {
      incoming.arrival = ++this.arrivals;
      this.resting.push(incoming);
    }
  }

  private remove(order: ReferenceOrder): void {
    this.resting = this.resting.filter((candidate) => candidate !== order);
  }
}

const cents = (price: string) => Math.round(Number(price) * 100);

describe("matching engine against a naive reference book", () => {
  it("produces the same order events, trades, rejections and book", () => {
    fc.assert(
      fc.property(session, (operations) => {
        const engine = testEngine();
        const reference = new ReferenceBook();
        let submitted = 0;
        for (const operation of operations) {
          if (operation.kind === "submit") submitted += 1;
          const outcome = perform(engine, operation, submitted);
          let expected: ReferenceCall;
          if (operation.kind === "submit") {
            const isBuy = operation.order.side === "buy";
            expected = reference.submit({
              id: orderId(submitted),
              isBuy,
              ticks: operation.market ? (isBuy ? Number.POSITIVE_INFINITY : 0) : cents(operation.order.price),
              open: operation.quantity,
              arrival: 0,
              account: operation.user,
              restsRemainder:
                !operation.market && (operation.timeInForce === "day" || operation.timeInForce === "gtc"),
              fok: operation.timeInForce === "fok",
              selfTradePrevention: operation.selfTradePrevention,
            });
          } else if (operation.kind === "cancel") {
            expected = reference.cancel(targetOf(operation, submitted));
          } else {
            expected = reference.modify(
              targetOf(operation, submitted),
              operation.price === undefined ? undefined : cents(operation.price),
              operation.quantity,
            );
          }
          const marketTicks = (event: { order_id: string; side: string }) =>
            event.side === "buy" ? Number.POSITIVE_INFINITY : 0;
          expect({
            rejected: outcome.status === "rejected",
            orderEvents: outcome.orderEvents.map(
              (event) =>
                `${event.event_type.slice(6)} ${event.order_id} ${event.quantity} ${
                  event.price === null ? marketTicks(event) : cents(event.price)
                }`,
            ),
            trades: outcome.trades.map(
              (trade) =>
                `${trade.buy_order_id} ${trade.sell_order_id} ${cents(trade.price)} ${trade.quantity} ${trade.aggressor_side}`,
            ),
          }).toEqual(expected);
        }
        const { bids, asks } = engine.depth("AAPL", 1000);
        const levels = (side: typeof bids) =>
          side.map((level) => `${level.quantity.toFixed()}@${cents(level.price.toFixed())}`);
        expect(levels(bids)).toEqual(reference.levels(true));
        expect(levels(asks)).toEqual(reference.levels(false));
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});
