import { describe, expect, it } from "vitest";
import { BLOCK_MIN_SHARES } from "../agents/agency-block";
import { eventsOf, ms, runWith } from "./test-support";

describe("front running injector", () => {
  const { events, labels } = runWith("front_running", 61);

  it("labels a principal order ahead of an agency block on the same side and its unwind after the block", () => {
    expect(labels.length).toBeGreaterThan(20);
    let unwound = 0;
    for (const label of labels) {
      const { orders, trades } = eventsOf(label, events);
      const created = orders.filter((order) => order.event_type === "order.created");
      const block = created.find((order) => order.capacity === "agency");
      const entry = created[0];
      if (block === undefined || entry === undefined) throw new Error("no block or no entry");
      expect(entry.user_id).toBe(label.userId);
      expect(entry.capacity).toBe("principal");
      expect(block.user_id).not.toBe(label.userId);
      expect(block.side).toBe(entry.side);
      expect(Number(block.quantity)).toBeGreaterThanOrEqual(BLOCK_MIN_SHARES);
      const lead = ms(block.occurred_at) - ms(entry.occurred_at);
      expect(lead).toBeGreaterThanOrEqual(1_000);
      expect(lead).toBeLessThanOrEqual(10_000);
      const exitFills = trades.filter(
        (trade) =>
          (entry.side === "buy" ? trade.sell_user_id : trade.buy_user_id) === label.userId &&
          trade.occurred_at >= block.occurred_at,
      );
      if (exitFills.length > 0) unwound++;
    }
    expect(unwound / labels.length).toBeGreaterThan(0.8);
  });
});
