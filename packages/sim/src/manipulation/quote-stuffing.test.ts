import { describe, expect, it } from "vitest";
import { eventsOf, runWith } from "./test-support";

describe("quote stuffing injector", () => {
  const { events, labels } = runWith("quote_stuffing", 71, 150_000);

  it("labels micro-bursts of 80+ messages in one millisecond that never trade", () => {
    expect(labels.length).toBeGreaterThan(5);
    for (const label of labels) {
      const { orders, trades } = eventsOf(label, events);
      expect(trades).toHaveLength(0);
      const perMs = new Map<string, number>();
      for (const order of orders) perMs.set(order.occurred_at, (perMs.get(order.occurred_at) ?? 0) + 1);
      expect(perMs.size).toBeGreaterThanOrEqual(3);
      expect(Math.min(...perMs.values())).toBeGreaterThanOrEqual(80);
      expect(orders.filter((order) => order.event_type === "order.cancelled")).toHaveLength(
        label.orderIds.length,
      );
    }
  });
});
