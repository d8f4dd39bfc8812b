import { describe, expect, it } from "vitest";
import { eventsOf, ms, runWith } from "./test-support";

describe("spoofing injector", () => {
  const { events, labels } = runWith("spoofing", 21);

  it("labels episodes whose large orders on one side are cancelled within 2 s after a fill on the other", () => {
    expect(labels.length).toBeGreaterThan(20);
    let withFill = 0;
    for (const label of labels) {
      const { orders, trades } = eventsOf(label, events);
      const created = orders.filter((order) => order.event_type === "order.created");
      expect(created.map((order) => order.order_id)).toEqual(label.orderIds);
      expect(new Set(created.map((order) => order.user_id))).toEqual(new Set([label.userId]));
      const largest = [...created].sort((a, b) => Number(b.quantity) - Number(a.quantity))[0];
      const genuineSide = largest?.side === "buy" ? "sell" : "buy";
      const spoofs = created.filter((order) => order.side !== genuineSide);
      const genuine = created.filter((order) => order.side === genuineSide);
      expect(genuine.length).toBeLessThanOrEqual(1);
      if (genuine.length === 0) continue; // the spoof was hit before the genuine order went in
      expect(spoofs.length).toBeGreaterThanOrEqual(1);
      expect(spoofs.length).toBeLessThanOrEqual(2);
      expect(new Set(spoofs.map((order) => order.price)).size).toBeLessThanOrEqual(2);
      const spoofSize = spoofs.reduce((sum, order) => sum + Number(order.quantity), 0);
      expect(spoofSize).toBeGreaterThanOrEqual(4.5 * Number(genuine[0]?.quantity));
      const genuineId = genuine[0]?.order_id;
      const firstFill = trades.find((trade) =>
        [trade.buy_order_id, trade.sell_order_id].includes(genuineId ?? ""),
      );
      if (firstFill === undefined) continue;
      withFill++;
      for (const spoof of spoofs) {
        const cancel = orders.find(
          (order) => order.order_id === spoof.order_id && order.event_type === "order.cancelled",
        );
        if (cancel === undefined) continue; // filled by someone else: the spoofer's risk
        const delay = ms(cancel.occurred_at) - ms(firstFill.occurred_at);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(2_000);
      }
      expect(ms(label.startedAt)).toBeLessThanOrEqual(ms(label.endedAt));
      expect(label.endedAt >= firstFill.occurred_at).toBe(true);
    }
    expect(withFill / labels.length).toBeGreaterThan(0.85);
  });

  it("is reproducible per seed", () => {
    expect(runWith("spoofing", 21, 60_000).labels).toEqual(runWith("spoofing", 21, 60_000).labels);
    expect(runWith("spoofing", 22, 60_000).labels[0]).not.toEqual(runWith("spoofing", 21, 60_000).labels[0]);
  });
});
