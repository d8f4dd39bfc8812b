import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../money.js";
import { ALICE, BOB, limit, market, orderId, testEngine } from "./test-engine.js";
import type { OrderOutcome, SelfTradePrevention, TimeInForce } from "./types.js";

/** Random sessions of submits, cancels and modifies on one symbol, around 10.00 on a 0.01 grid. */
const price = fc.integer({ min: 990, max: 1010 }).map((cents) => new Decimal(cents).div(100).toFixed());
const quantity = fc.integer({ min: 1, max: 300 });
const submit = fc.record({
  kind: fc.constant("submit" as const),
  side: fc.constantFrom("buy" as const, "sell" as const),
  market: fc.boolean(),
  price,
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
const modify = fc.record({
  kind: fc.constant("modify" as const),
  target: fc.nat(),
  price: fc.option(price, { nil: undefined }),
  quantity: fc.option(quantity, { nil: undefined }),
});
const session = fc.array(fc.oneof({ arbitrary: submit, weight: 3 }, cancel, modify), { maxLength: 120 });

interface Ledger {
  submitted: number;
  filled: number;
  open: number;
  cancelled: number;
  /** Sum of fill price x fill size. */
  notional: Decimal;
}

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
          let outcome: OrderOutcome;
          if (operation.kind === "submit") {
            submitted += 1;
            const extra = {
              userId: operation.user,
              timeInForce: operation.timeInForce,
              selfTradePrevention: operation.selfTradePrevention,
            };
            outcome = engine.submit(
              operation.market
                ? market(submitted, operation.side, operation.quantity, extra)
                : limit(submitted, operation.side, operation.quantity, operation.price, extra),
            );
            // fok: all or nothing; market, ioc and fok never rest.
            if (operation.timeInForce === "fok" && outcome.status !== "rejected") {
              expect(outcome.trades.length === 0 || outcome.status === "filled").toBe(true);
            }
            if (operation.market || operation.timeInForce === "ioc" || operation.timeInForce === "fok") {
              expect(engine.openOrder(orderId(submitted))).toBeUndefined();
            }
            // No trade through the limit, and best prices first within the call.
            const prices = outcome.trades.map((trade) => Number(trade.price));
            const sorted = [...prices].sort((a, b) => (operation.side === "buy" ? a - b : b - a));
            expect(prices).toEqual(sorted);
            if (!operation.market) {
              for (const tradePrice of prices) {
                if (operation.side === "buy") expect(tradePrice).toBeLessThanOrEqual(Number(operation.price));
                else expect(tradePrice).toBeGreaterThanOrEqual(Number(operation.price));
              }
            }
          } else {
            const target = orderId(submitted === 0 ? 1 : (operation.target % submitted) + 1);
            outcome =
              operation.kind === "cancel"
                ? engine.cancel(target)
                : engine.modify(target, {
                    ...(operation.price === undefined ? {} : { price: new Decimal(operation.price) }),
                    ...(operation.quantity === undefined
                      ? {}
                      : { quantity: new Decimal(operation.quantity) }),
                  });
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
      { numRuns: 2000 },
    );
  });
});
