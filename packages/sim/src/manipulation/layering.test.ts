import { describe, expect, it } from "vitest";
import { eventsOf, ms, runWith } from "./test-support";

describe("layering injector", () => {
  const { events, labels } = runWith("layering", 31);

  it("labels 3+ same-side orders on distinct levels placed within a second, a trade on the other side, then a mass cancel", () => {
    expect(labels.length).toBeGreaterThan(20);
    let complete = 0;
    for (const label of labels) {
      const { orders, trades } = eventsOf(label, events);
      const created = orders.filter((order) => order.event_type === "order.created");
      expect(created.map((order) => order.order_id)).toEqual(label.orderIds);
      const layerSide = created[0]?.side;
      const layers = created.filter((order) => order.side === layerSide);
      expect(layers.length).toBeGreaterThanOrEqual(3);
      expect(new Set(layers.map((order) => order.price)).size).toBe(layers.length);
      const otherSideFill = trades.find(
        (trade) =>
          (layerSide === "buy" ? trade.sell_user_id : trade.buy_user_id) === label.userId &&
          trade.occurred_at >= (layers[0]?.occurred_at ?? ""),
      );
      // The layers before the fill go in 5-150 ms apart; the stack may be topped up after it.
      const early = layers.filter((order) => order.occurred_at <= (otherSideFill?.occurred_at ?? "~"));
      const span = ms(early.at(-1)?.occurred_at ?? "") - ms(early[0]?.occurred_at ?? "");
      expect(span).toBeLessThanOrEqual(early.length * 150);
      const cancels = orders.filter(
        (order) => order.event_type === "order.cancelled" && order.side === layerSide,
      );
      if (otherSideFill === undefined || cancels.length < 3) continue;
      complete++;
      const lastCancel = ms(cancels.at(-1)?.occurred_at ?? "");
      expect(lastCancel - ms(otherSideFill.occurred_at)).toBeGreaterThanOrEqual(0);
      expect(lastCancel - ms(otherSideFill.occurred_at)).toBeLessThanOrEqual(2_000);
      expect(lastCancel - ms(cancels[0]?.occurred_at ?? "")).toBeLessThanOrEqual(5 * layers.length);
    }
    // The rest had a layer hit by someone (the layerer's risk) or never got their execution.
    expect(complete / labels.length).toBeGreaterThan(0.6);
  });
});
