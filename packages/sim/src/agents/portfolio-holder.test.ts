import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random";
import { nextHolderOrder } from "./portfolio-holder";

/** The orders of `turns` turns at one position. */
function ordersAt(held: number, price: number, turns: number) {
  const random = new SeededRandom(5);
  return Array.from({ length: turns }, () => nextHolderOrder({ held, price, targetValue: 100_000 }, random));
}

describe("nextHolderOrder", () => {
  it("buys towards the target value in round lots, at most ten lots an order", () => {
    const random = new SeededRandom(1);
    // 100,000 at 95 is 1,052.6 shares: eleven round lots.
    expect(nextHolderOrder({ held: 0, price: 95, targetValue: 100_000 }, random)).toEqual({
      side: "buy",
      quantity: 1_000,
    });
    expect(nextHolderOrder({ held: 1_000, price: 95, targetValue: 100_000 }, random)).toEqual({
      side: "buy",
      quantity: 100,
    });
    // A partial fill left an odd lot: the next buy completes the target exactly.
    expect(nextHolderOrder({ held: 1_037, price: 95, targetValue: 100_000 }, random)).toEqual({
      side: "buy",
      quantity: 63,
    });
  });

  it("holds at least one round lot of a name dearer than the target", () => {
    expect(ordersAt(0, 250_000, 1)).toEqual([{ side: "buy", quantity: 100 }]);
  });

  it("once built, trims or adds one to three round lots in about one turn in five", () => {
    const orders = ordersAt(1_100, 95, 2_000);
    const sent = orders.filter((order) => order !== undefined);
    expect(sent.length / orders.length).toBeGreaterThan(0.15);
    expect(sent.length / orders.length).toBeLessThan(0.25);
    expect(new Set(sent.map((order) => order.quantity))).toEqual(new Set([100, 200, 300]));
    const buys = sent.filter((order) => order.side === "buy").length;
    expect(buys / sent.length).toBeGreaterThan(0.4);
    expect(buys / sent.length).toBeLessThan(0.6);
  });

  it("never sells more than it holds", () => {
    const sells = ordersAt(100, 250_000, 500).filter((order) => order?.side === "sell");
    expect(sells.length).toBeGreaterThan(0);
    for (const order of sells) expect(order?.quantity).toBe(100);
  });
});
