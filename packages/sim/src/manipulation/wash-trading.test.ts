import type { TradeExecutedEvent } from "@nexus/core/events";
import { describe, expect, it } from "vitest";
import { eventsOf, runWith } from "./test-support";

describe("wash trading injector", () => {
  const { simulator, events, labels } = runWith("wash_trading", 41, 80_000);
  const related = simulator.relatedAccounts();
  const linked = (trade: TradeExecutedEvent): boolean =>
    related.some(
      ([a, b]) =>
        (trade.buy_account_id === a && trade.sell_account_id === b) ||
        (trade.buy_account_id === b && trade.sell_account_id === a),
    );

  it("prints between the ring's own sides: one user, linked accounts, or an accomplice, leaving positions flat", () => {
    expect(related).toHaveLength(1);
    expect(labels.length).toBeGreaterThan(10);
    const kinds = new Set<string>();
    let flat = 0;
    for (const label of labels) {
      const { trades } = eventsOf(label, events);
      const ring = new Set([label.userId, ...label.counterpartyUserIds]);
      const washPrints = trades.filter(
        (trade) => ring.has(trade.buy_user_id) && ring.has(trade.sell_user_id),
      );
      expect(washPrints.length).toBeGreaterThan(0);
      for (const trade of washPrints) {
        if (trade.buy_user_id === trade.sell_user_id) kinds.add("self");
        else if (linked(trade)) kinds.add("linked");
        else kinds.add("colluding");
      }
      const net = washPrints.reduce(
        (sum, trade) =>
          sum +
          ((trade.buy_user_id === label.userId ? 1 : 0) - (trade.sell_user_id === label.userId ? 1 : 0)) *
            Number(trade.quantity),
        0,
      );
      // Whatever was bought within the ring was sold back within it, unless a stranger got to a leg first.
      if (net === 0) flat++;
    }
    expect([...kinds].sort()).toEqual(["colluding", "linked", "self"]);
    expect(flat / labels.length).toBeGreaterThan(0.6);
  });
});
