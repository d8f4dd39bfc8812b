import type { Side } from "@nexus/core/events";
import type { Agent, AgentMarket, SimulatedUser } from "./agent";

/** A move of this many bp over the last seconds tilts the crowd about three quarters of the way. */
const CHASE_SCALE_BPS = 10;

/**
 * The retail and small-fund crowd of one symbol: market orders and limit orders scattered around fair
 * value (some marketable), a share of them cancelled later. Each order comes from one user of the pool.
 */
export class NoiseTraderAgent implements Agent {
  private resting: string[] = [];

  constructor(
    readonly symbol: string,
    private readonly users: readonly SimulatedUser[],
    readonly activityWeight: number,
  ) {}

  startDay(): void {
    this.resting = [];
  }

  act(market: AgentMarket): void {
    const { random } = market;
    if (this.resting.length > 0 && random.chance(0.25)) {
      const index = random.int(this.resting.length);
      const orderId = this.resting[index];
      this.resting.splice(index, 1);
      if (orderId !== undefined) market.cancel(orderId);
      return;
    }
    // Part of the crowd chases a move (positive feedback traders, De Long, Shleifer, Summers & Waldmann,
    // Journal of Finance 1990): after a quick rise more of them buy, and at the market.
    const chase = Math.tanh(market.recentMoveBps / CHASE_SCALE_BPS);
    const side: Side = random.chance(0.5 + 0.4 * chase) ? "buy" : "sell";
    const quantity = Math.max(1, Math.round(market.typicalSize * Math.exp(random.gaussian() * 0.6)));
    const user = random.pick(this.users);
    if (random.chance(0.3 + 0.4 * Math.abs(chase))) {
      market.submit({ user, side, quantity, priceTicks: null, timeInForce: "ioc" });
      return;
    }
    // Offsets in units of 0.1 % of price, skewed passive: most limit orders rest, a few cross.
    const offset =
      Math.round(random.gaussian() * market.fairValueTicks * 0.001) +
      Math.round(market.fairValueTicks * 0.0004);
    const priceTicks = side === "buy" ? market.fairValueTicks - offset : market.fairValueTicks + offset;
    const result = market.submit({
      user,
      side,
      quantity,
      priceTicks,
      ...(random.chance(0.5) ? { capacity: "principal" as const } : {}),
      timeInForce: "day",
    });
    if (result.restingQuantity > 0) this.resting.push(result.orderId);
    if (this.resting.length > 50)
      this.resting = this.resting.filter((orderId) => market.openQuantity(orderId) > 0);
  }
}
