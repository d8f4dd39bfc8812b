import type { Side } from "@nexus/core/events";
import type { SurveillanceReferenceData } from "@nexus/core/surveillance";
import type { SymbolDay } from "../day-path";
import type { SeededRandom } from "../random";

export type TraderRole = "market_maker" | "noise_trader" | "institution" | "day_trader" | "manipulator";

/** A simulated user: its ids appear in order and trade events. */
export interface SimulatedUser {
  userId: string;
  role: TraderRole;
  /** A readable label for demo screens, e.g. "Market maker 2". */
  name: string;
}

export interface OrderRequest {
  user: SimulatedUser;
  side: Side;
  quantity: number;
  /** null: a market order. A limit price outside the day's range is moved to its edge. */
  priceTicks: number | null;
  capacity?: "agency" | "principal";
  /** The beneficial owner when it is not the user (agency orders for clients). */
  accountId?: string;
  /**
   * ioc: what does not fill at once is cancelled (market orders always behave so); fok: fills in full at
   * once or is cancelled whole. Default day.
   */
  timeInForce?: "day" | "ioc" | "fok";
  /**
   * false: the venue's self-trade prevention is waived for this order, so it may trade against the same
   * user's resting orders (how wash trades by one user reach a tape; default true).
   */
  selfTradePrevention?: boolean;
}

export interface SubmitResult {
  orderId: string;
  filledQuantity: number;
  /** Prices of the first and last fill on entry (the levels an aggressive order went from and to). */
  firstFillTicks: number | undefined;
  lastFillTicks: number | undefined;
  /** Quantity left resting in the book (0 for market and ioc orders). */
  restingQuantity: number;
}

/** What an agent sees and may do in one symbol's market during its action. */
export interface AgentMarket {
  readonly symbol: string;
  readonly day: SymbolDay;
  readonly random: SeededRandom;
  /** How far through the session this action is, in [0, 1). */
  readonly sessionFraction: number;
  /** occurred_at of the events this action emits (ISO-8601). */
  readonly occurredAt: string;
  /** Simulated milliseconds left until the close (day orders expire then, follow-ups are dropped). */
  readonly msToClose: number;
  /** The day's fair value now (ticks), within [day.lowTicks, day.highTicks]. */
  readonly fairValueTicks: number;
  /** An order size that makes the day's simulated volume track the bar's volume (shares). */
  readonly typicalSize: number;
  /** Last trade price against its average of the last ~15 s, in basis points (0 before any trade today). */
  readonly recentMoveBps: number;
  bestBidTicks(): number | undefined;
  bestAskTicks(): number | undefined;
  /** Price of the day's last trade so far (the "last sale"). */
  lastTradeTicks(): number | undefined;
  /** Open quantity resting on a side at a price (the depth a trader sees on screen). */
  displayedSize(side: Side, priceTicks: number): number;
  /** Open quantity resting on a side from its best price down (bids) or up (asks) to priceTicks. */
  depthTo(side: Side, priceTicks: number): number;
  submit(request: OrderRequest): SubmitResult;
  /** New price and open quantity of a resting order (order.modified); false if it is no longer resting. */
  modify(orderId: string, priceTicks: number, quantity: number): boolean;
  /** false if the order is no longer resting (filled, cancelled); no event is emitted then. */
  cancel(orderId: string): boolean;
  /** The unfilled quantity of a resting order; 0 once filled or cancelled. */
  openQuantity(orderId: string): number;
  /**
   * Runs `step` as a further action of the same agent `delayMs` simulated milliseconds from now (>= 0),
   * with its own occurred_at: how an agent paces the sub-second steps of one strategy (a cancel 300 ms
   * after a fill, orders 5 ms apart). Follow-ups still pending at the close are dropped.
   */
  after(delayMs: number, step: (market: AgentMarket) => void): void;
}

/**
 * A trading agent in one symbol. The simulator calls act() at Poisson times whose rate is the symbol's
 * activity times activityWeight / (sum of weights of the symbol's agents); labelled manipulators plug in
 * here as further Agent implementations.
 */
export interface Agent {
  readonly symbol: string;
  readonly activityWeight: number;
  /** A new trading day of the symbol begins (the book is empty: day orders expired). */
  startDay(market: AgentMarket): void;
  act(market: AgentMarket): void;
  /** One of this agent's orders traded (as aggressor or resting). */
  onFill?(orderId: string, quantity: number): void;
}

/** A group of users and the agents they run in each symbol. */
export interface Population {
  readonly users: readonly SimulatedUser[];
  agentsFor(symbol: string): Agent[];
  /** Who is who among its users, as a firm would register it with surveillance (none if omitted). */
  reference?(): SurveillanceReferenceData;
}
