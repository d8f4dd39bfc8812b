import type { Side } from "@nexus/core/events";
import type { Agent, AgentMarket, SimulatedUser } from "./agent";

/** Holding periods of intraday traders: log-normal, median 5 minutes, between 30 s and an hour. */
const MEDIAN_HOLD_MS = 5 * 60_000;
const MIN_HOLD_MS = 30_000;
const MAX_HOLD_MS = 60 * 60_000;

/**
 * Day traders: one of the pool takes a position (at the market or joining the touch), holds it for
 * minutes and closes it at the market, whatever the price has done - often at a loss. Their flat-by-
 * the-close round trips are the honest look-alike of wash-trading round trips (same quantity both ways,
 * but real risk in between: minutes, a price that moved), so the detector must not flag them.
 */
export class DayTraderAgent implements Agent {
  private readonly holding = new Set<string>();

  constructor(
    readonly symbol: string,
    private readonly users: readonly SimulatedUser[],
    readonly activityWeight: number,
  ) {}

  startDay(): void {
    this.holding.clear();
  }

  act(market: AgentMarket): void {
    const { random } = market;
    const user = random.pick(this.users);
    if (this.holding.has(user.userId)) return;
    const side: Side = random.chance(0.5) ? "buy" : "sell";
    const exitSide: Side = side === "buy" ? "sell" : "buy";
    const takeLiquidity = random.chance(0.5);
    const touch = takeLiquidity
      ? side === "buy"
        ? market.bestAskTicks()
        : market.bestBidTicks()
      : side === "buy"
        ? market.bestBidTicks()
        : market.bestAskTicks();
    if (touch === undefined) return;
    let position = 0;
    const entry = market.submit({
      user,
      side,
      quantity: Math.max(1, Math.round(market.typicalSize * (0.5 + random.next() * 2.5))),
      priceTicks: touch,
      capacity: "principal",
      timeInForce: takeLiquidity ? "ioc" : "day",
    });
    position += entry.filledQuantity;
    this.holding.add(user.userId);
    const holdMs = Math.min(MAX_HOLD_MS, Math.max(MIN_HOLD_MS, MEDIAN_HOLD_MS * Math.exp(random.gaussian())));
    market.after(holdMs, (later) => {
      this.holding.delete(user.userId);
      if (entry.restingQuantity > 0) {
        const open = later.openQuantity(entry.orderId);
        position += entry.restingQuantity - open;
        if (open > 0) later.cancel(entry.orderId);
      }
      const exitTouch = exitSide === "buy" ? later.bestAskTicks() : later.bestBidTicks();
      if (position > 0 && exitTouch !== undefined)
        later.submit({ user, side: exitSide, quantity: position, priceTicks: exitTouch, timeInForce: "ioc" });
    });
  }
}
