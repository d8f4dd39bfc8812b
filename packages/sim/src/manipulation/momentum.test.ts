import { describe, expect, it } from "vitest";
import { eventsOf, ms, runWith } from "./test-support";

describe("momentum injector", () => {
  const { events, labels } = runWith("momentum", 51);

  it("labels a burst of aggressive orders through several price levels and a later order on the other side", () => {
    expect(labels.length).toBeGreaterThan(20);
    let swept = 0;
    let bursts = 0;
    for (const label of labels) {
      const { orders, trades } = eventsOf(label, events);
      const created = orders.filter((order) => order.event_type === "order.created");
      const side = created[0]?.side;
      const burst = created.filter((order) => order.side === side);
      if (burst.length >= 3) bursts++;
      expect(burst.every((order) => order.time_in_force === "ioc")).toBe(true);
      expect(ms(burst.at(-1)?.occurred_at ?? "") - ms(burst[0]?.occurred_at ?? "")).toBeLessThanOrEqual(
        3_400,
      );
      const burstIds = new Set(burst.map((order) => order.order_id));
      const burstPrices = new Set(
        trades
          .filter((trade) => burstIds.has(side === "buy" ? trade.buy_order_id : trade.sell_order_id))
          .map((trade) => trade.price),
      );
      const exit = created.find((order) => order.side !== side);
      if (burstPrices.size >= 3 && exit !== undefined) swept++;
      if (exit !== undefined) expect(exit.occurred_at >= (burst.at(-1)?.occurred_at ?? "")).toBe(true);
    }
    expect(bursts / labels.length).toBeGreaterThan(0.9);
    expect(swept / labels.length).toBeGreaterThan(0.8);
  });
});
