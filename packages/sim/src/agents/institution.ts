import type { Side } from "@nexus/core/events";
import type { Agent, AgentMarket, SimulatedUser } from "./agent";

interface ParentOrder {
  side: Side;
  remaining: number;
  clientAccountId: string;
}

/**
 * A broker desk working client (agency) orders: some days a parent order of 0.5-3 % of the day's volume
 * arrives and is worked in child orders through the session, alternating marketable IOC (or FOK) slices with a
 * passive child at the touch that gets re-priced or pulled (the "working an order" pattern surveillance
 * sees from every agency desk, and the pattern front-running detection watches around).
 */
export class InstitutionAgent implements Agent {
  private parent: ParentOrder | undefined;
  private passiveChildId: string | undefined;

  constructor(
    readonly symbol: string,
    private readonly user: SimulatedUser,
    private readonly clientAccountIds: readonly string[],
    readonly activityWeight: number,
  ) {}

  startDay(market: AgentMarket): void {
    this.passiveChildId = undefined;
    const { random } = market;
    this.parent = random.chance(0.6)
      ? {
          side: random.chance(0.5) ? "buy" : "sell",
          remaining: Math.max(1, Math.round(market.day.bar.volume * (0.005 + random.next() * 0.025))),
          clientAccountId: random.pick(this.clientAccountIds),
        }
      : undefined;
  }

  onFill(_orderId: string, quantity: number): void {
    if (this.parent !== undefined) this.parent.remaining = Math.max(0, this.parent.remaining - quantity);
  }

  act(market: AgentMarket): void {
    const parent = this.parent;
    if (parent === undefined) return;
    const passiveOpen = this.passiveChildId === undefined ? 0 : market.openQuantity(this.passiveChildId);
    const unworked = parent.remaining - passiveOpen;
    if (parent.remaining === 0) {
      this.parent = undefined;
      return;
    }
    const { random } = market;
    const child = {
      user: this.user,
      side: parent.side,
      capacity: "agency" as const,
      accountId: parent.clientAccountId,
    };
    const sliceSize = Math.max(
      1,
      Math.min(unworked, Math.round(market.typicalSize * (1 + random.next() * 3))),
    );

    if (random.chance(0.5) && unworked > 0) {
      const touch = parent.side === "buy" ? market.bestAskTicks() : market.bestBidTicks();
      if (touch !== undefined)
        // Marketable slices go IOC, or FOK when the desk wants all of the slice or none of it.
        market.submit({
          ...child,
          quantity: sliceSize,
          priceTicks: touch,
          timeInForce: random.chance(0.25) ? "fok" : "ioc",
        });
      return;
    }
    const nearTouch = parent.side === "buy" ? market.bestBidTicks() : market.bestAskTicks();
    const priceTicks = nearTouch ?? market.fairValueTicks;
    if (this.passiveChildId !== undefined && passiveOpen > 0) {
      if (random.chance(0.5)) market.modify(this.passiveChildId, priceTicks, passiveOpen);
      else if (market.cancel(this.passiveChildId)) this.passiveChildId = undefined;
    } else if (unworked > 0) {
      const result = market.submit({ ...child, quantity: sliceSize, priceTicks, timeInForce: "day" });
      this.passiveChildId = result.restingQuantity > 0 ? result.orderId : undefined;
    }
  }
}
