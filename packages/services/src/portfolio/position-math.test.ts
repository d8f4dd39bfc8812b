import { Decimal } from "@nexus/core/money";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLAT, applyFill, unrealizedPnl } from "./position-math";
import type { Fill, Holding } from "./position-math";

const d = (value: string | number) => new Decimal(value);
const fill = (side: Fill["side"], quantity: number | string, price: number | string): Fill => ({
  side,
  quantity: d(quantity),
  price: d(price),
});
const run = (...fills: Fill[]): Holding => fills.reduce(applyFill, FLAT);
const plain = (holding: Holding) => ({
  quantity: holding.quantity.toFixed(),
  averageCost: holding.averageCost.toFixed(),
  realizedPnl: holding.realizedPnl.toFixed(),
});

describe("applyFill (average cost)", () => {
  it("blends the cost when adding and realizes against the average when reducing", () => {
    const bought = run(fill("buy", 100, "10.00"), fill("buy", 50, "13.00"));
    expect(plain(bought)).toEqual({ quantity: "150", averageCost: "11", realizedPnl: "0" });
    const sold = applyFill(bought, fill("sell", 60, "12.50"));
    expect(plain(sold)).toEqual({ quantity: "90", averageCost: "11", realizedPnl: "90" });
    expect(unrealizedPnl(sold, d("12")).toFixed()).toBe("90");
  });

  it("closes to flat, then a sell crossing zero opens a short at the fill price", () => {
    const flat = run(fill("buy", 10, "100"), fill("sell", 10, "95.5"));
    expect(plain(flat)).toEqual({ quantity: "0", averageCost: "0", realizedPnl: "-45" });
    const short = run(fill("buy", 10, "100"), fill("sell", 25, "110"));
    expect(plain(short)).toEqual({ quantity: "-15", averageCost: "110", realizedPnl: "100" });
    // Covering a short below its price is a gain; a short's unrealized P&L rises as the price falls.
    expect(unrealizedPnl(short, d("100")).toFixed()).toBe("150");
    expect(plain(applyFill(short, fill("buy", 5, "100")))).toEqual({
      quantity: "-10",
      averageCost: "110",
      realizedPnl: "150",
    });
  });

  it("keeps P&L exact where floats drift: 0.1 + 0.2", () => {
    const held = run(fill("buy", 1, "0.1"), fill("sell", 1, "0.3"));
    expect(held.realizedPnl.toFixed()).toBe("0.2");
  });

  it("rounds only the blended average, half-even to 12 places", () => {
    const held = run(fill("buy", 1, "1"), fill("buy", 2, "2"));
    expect(held.averageCost.toFixed()).toBe("1.666666666667");
  });

  it("conserves money: cash paid + value at the last price = realized + unrealized (whole shares)", () => {
    const fills = fc.array(
      fc.record({
        side: fc.constantFrom<Fill["side"]>("buy", "sell"),
        quantity: fc.integer({ min: 1, max: 1000 }),
        cents: fc.integer({ min: 1, max: 100_000 }),
      }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(fills, fc.integer({ min: 1, max: 100_000 }), (trades, markCents) => {
        let holding = FLAT;
        let cash = d(0);
        for (const trade of trades) {
          const price = d(trade.cents).div(100);
          holding = applyFill(holding, { side: trade.side, quantity: d(trade.quantity), price });
          const amount = price.times(trade.quantity);
          cash = trade.side === "buy" ? cash.minus(amount) : cash.plus(amount);
        }
        const mark = d(markCents).div(100);
        const wealth = cash.plus(holding.quantity.times(mark));
        const pnl = holding.realizedPnl.plus(unrealizedPnl(holding, mark));
        // Equal up to the rounding of blended averages (12 places a share).
        expect(wealth.minus(pnl).abs().lte(d("1e-6"))).toBe(true);
      }),
    );
  });
});
