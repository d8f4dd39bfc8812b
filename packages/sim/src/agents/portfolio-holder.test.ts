import type { ConsumedEvent } from "@nexus/core/events";
import { describe, expect, it } from "vitest";
import { loadSampleBars } from "../market-data";
import { createMarketSimulator } from "../simulator";
import { portfolioHolderPopulation } from "./portfolio-holder";

const holder = {
  userId: "6f1c2a8e-4b7d-4c1a-9e2f-0a1b2c3d4e5f",
  role: "institution" as const,
  name: "Demo trader",
};
const BOOK = ["AAPL", "MSFT", "JPM", "XOM"];

/** Net shares per symbol the holder bought minus sold over `events` simulated events. */
function netHoldings(events: readonly ConsumedEvent[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const event of events) {
    if (event.event_type !== "trade.executed") continue;
    const signed =
      (event.buy_user_id === holder.userId ? 1 : 0) - (event.sell_user_id === holder.userId ? 1 : 0);
    if (signed !== 0) net.set(event.symbol, (net.get(event.symbol) ?? 0) + signed * Number(event.quantity));
  }
  return net;
}

describe("portfolioHolderPopulation", () => {
  it("builds a long book in its symbols, under its own user id, and only there", () => {
    const simulator = createMarketSimulator({
      bars: loadSampleBars().bars,
      seed: 11,
      startTime: Date.UTC(2026, 0, 5, 14, 30),
      extraPopulations: () => [
        portfolioHolderPopulation({ user: holder, symbols: BOOK, activityWeight: 0.2 }),
      ],
    });
    const net = netHoldings(simulator.take(20_000));
    expect([...net.keys()].sort()).toEqual([...BOOK].sort());
    for (const symbol of BOOK) expect(net.get(symbol)).toBeGreaterThan(0);
    expect(simulator.simulatedUsers().map((user) => user.userId)).toContain(holder.userId);
    // Simulating 20,000 events takes a few seconds on a loaded two-core machine.
  }, 30_000);
});
