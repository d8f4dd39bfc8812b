import type { ConsumedEvent, OrderEvent, Side } from "@nexus/core/events";
import type { Agent, AgentMarket, OrderRequest, SimulatedUser, SubmitResult } from "./agents/agent";
import { FairValuePath } from "./day-path";
import type { SymbolDay } from "./day-path";
import { OrderBook } from "./order-book";
import type { MatchResult, RestingOrder, TopOfBook } from "./order-book";
import { ticksToPriceString } from "./prices";
import type { SeededRandom } from "./random";

/** Who is behind an order, for trade events and fill notices. */
interface OrderOwner {
  user: SimulatedUser;
  accountId: string | undefined;
  agent: Agent;
  selfTradePrevention: boolean;
}

/** How the simulator runs an agent's follow-up step (AgentMarket.after). */
export type FollowUpScheduler = (agent: Agent, delayMs: number, step: (market: AgentMarket) => void) => void;

/**
 * Transient price impact of trades on fair value: each fill moves it by IMPACT_BPS_PER_TYPICAL_SIZE basis
 * points per typical order size traded (up for buyer-initiated, down for seller-initiated), and the
 * displacement decays exponentially (a propagator model, Bouchaud et al., "Fluctuations and response in
 * financial markets", Quantitative Finance 2004). Market makers quote around fair value, so they lean
 * with the flow as real ones do (Glosten & Milgrom 1985); a sweep of several sizes moves quotes a few bps,
 * the order of the square-root law's estimate for such a size (Toth et al., PRX 2011).
 */
const IMPACT_BPS_PER_TYPICAL_SIZE = 1;
const IMPACT_DECAY_MS = 30_000;
/** The reference for "recent move": an exponential average of trade prices over about this long. */
const RECENT_PRICE_MS = 15_000;

/**
 * One symbol's market inside the simulator: its book, its day, and the events each agent action causes
 * (order.created/modified/cancelled, trade.executed, quote). Agents only reach it through AgentMarket.
 */
export class SymbolMarket implements AgentMarket {
  private readonly book = new OrderBook();
  private readonly owners = new Map<string, OrderOwner>();
  private path: FairValuePath | undefined;
  private lastTop: TopOfBook | undefined;
  private actingAgent: Agent | undefined;
  private currentDay: SymbolDay | undefined;
  private impactTicks = 0;
  private impactAtMs = 0;
  /** The first and last fill prices of the order being matched (for SubmitResult). */
  private firstFillTicks: number | undefined;
  private lastFillTicks: number | undefined;
  private lastTrade: number | undefined;
  private averageTradeTicks = 0;
  private averageAtMs = 0;

  occurredAt = "";
  msToClose = 0;
  sessionFraction = 0;
  fairValueTicks = 0;
  typicalSize = 1;
  recentMoveBps = 0;

  constructor(
    readonly symbol: string,
    readonly random: SeededRandom,
    private readonly venueId: string,
    private readonly emit: (event: ConsumedEvent) => void,
    private readonly scheduleFollowUp: FollowUpScheduler,
  ) {}

  get day(): SymbolDay {
    if (this.currentDay === undefined) throw new Error(`${this.symbol}: no trading day started`);
    return this.currentDay;
  }

  startDay(day: SymbolDay, typicalSize: number): void {
    this.currentDay = day;
    this.path = new FairValuePath(day, this.random);
    this.typicalSize = typicalSize;
    this.lastTop = undefined;
    this.impactTicks = 0;
    this.lastTrade = undefined;
  }

  /** Sets the clock and fair value (the day's path plus the decayed impact of recent trades) for one agent action. */
  beginAction(agent: Agent, epochMs: number, sessionFraction: number, msToClose: number): void {
    this.actingAgent = agent;
    this.occurredAt = new Date(Math.floor(epochMs)).toISOString();
    this.msToClose = msToClose;
    this.sessionFraction = sessionFraction;
    this.impactTicks *= Math.exp(-Math.max(0, epochMs - this.impactAtMs) / IMPACT_DECAY_MS);
    this.impactAtMs = epochMs;
    const pathTicks = this.path?.at(sessionFraction) ?? this.day.openTicks;
    this.fairValueTicks = this.clampToDay(pathTicks + this.impactTicks);
    this.recentMoveBps =
      this.lastTrade === undefined
        ? 0
        : ((this.lastTrade - this.averageTradeTicks) / this.averageTradeTicks) * 10_000;
  }

  after(delayMs: number, step: (market: AgentMarket) => void): void {
    if (!(delayMs >= 0)) throw new Error(`${this.symbol}: follow-up delay must be >= 0, got ${delayMs}`);
    this.scheduleFollowUp(this.requireActingAgent(), delayMs, step);
  }

  /** A quote event when the top of book changed during the action and both sides are present. */
  endAction(): void {
    this.actingAgent = undefined;
    const top = this.book.top();
    const last = this.lastTop;
    this.lastTop = top;
    if (top === undefined) return;
    if (
      last !== undefined &&
      last.bidTicks === top.bidTicks &&
      last.bidSize === top.bidSize &&
      last.askTicks === top.askTicks &&
      last.askSize === top.askSize
    )
      return;
    this.emit({
      event_id: this.random.uuid(),
      event_type: "quote",
      occurred_at: this.occurredAt,
      venue_id: this.venueId,
      symbol: this.symbol,
      bid_price: ticksToPriceString(top.bidTicks),
      bid_size: String(top.bidSize),
      ask_price: ticksToPriceString(top.askTicks),
      ask_size: String(top.askSize),
    });
  }

  /** Day orders expire at the close: each resting order gets its order.cancelled. */
  expireDay(occurredAt: string): void {
    this.occurredAt = occurredAt;
    for (const order of this.book.restingOrders())
      this.emitOrderEvent("order.cancelled", order, order.priceTicks, order.open);
    this.book.clear();
    this.owners.clear();
  }

  bestBidTicks(): number | undefined {
    return this.book.bestBid()?.priceTicks;
  }

  lastTradeTicks(): number | undefined {
    return this.lastTrade;
  }

  bestAskTicks(): number | undefined {
    return this.book.bestAsk()?.priceTicks;
  }

  depthTo(side: Side, priceTicks: number): number {
    return this.book.depthTo(side, priceTicks);
  }

  displayedSize(side: Side, priceTicks: number): number {
    return this.book.sizeAt(side, priceTicks);
  }

  openQuantity(orderId: string): number {
    return this.book.get(orderId)?.open ?? 0;
  }

  submit(request: OrderRequest): SubmitResult {
    const agent = this.requireActingAgent();
    const quantity = Math.max(1, Math.round(request.quantity));
    const priceTicks = request.priceTicks === null ? null : this.clampToDay(request.priceTicks);
    const order: RestingOrder = {
      orderId: this.random.uuid(),
      userId: request.user.userId,
      side: request.side,
      priceTicks: priceTicks ?? 0,
      open: quantity,
    };
    this.owners.set(order.orderId, {
      user: request.user,
      accountId: request.accountId,
      agent,
      selfTradePrevention: request.selfTradePrevention ?? true,
    });
    this.emit({
      event_id: this.random.uuid(),
      event_type: "order.created",
      occurred_at: this.occurredAt,
      order_id: order.orderId,
      user_id: order.userId,
      ...(request.accountId === undefined ? {} : { account_id: request.accountId }),
      symbol: this.symbol,
      side: order.side,
      order_type: priceTicks === null ? "market" : "limit",
      price: priceTicks === null ? null : ticksToPriceString(priceTicks),
      quantity: String(quantity),
      ...(request.capacity === undefined ? {} : { capacity: request.capacity }),
      venue_id: this.venueId,
      time_in_force: priceTicks === null ? "ioc" : (request.timeInForce ?? "day"),
    });
    this.firstFillTicks = undefined;
    this.lastFillTicks = undefined;
    const killed =
      request.timeInForce === "fok" &&
      priceTicks !== null &&
      this.book.fillableQuantity(order.userId, order.side, priceTicks) < quantity;
    const filledQuantity = killed ? 0 : this.executeAgainstBook(order, priceTicks);
    const { firstFillTicks, lastFillTicks } = this;
    const restsInBook = priceTicks !== null && request.timeInForce !== "ioc" && request.timeInForce !== "fok";
    if (order.open > 0 && restsInBook) {
      this.book.rest(order);
      return {
        orderId: order.orderId,
        filledQuantity,
        restingQuantity: order.open,
        firstFillTicks,
        lastFillTicks,
      };
    }
    if (order.open > 0) this.emitOrderEvent("order.cancelled", order, priceTicks, order.open);
    this.owners.delete(order.orderId);
    return { orderId: order.orderId, filledQuantity, restingQuantity: 0, firstFillTicks, lastFillTicks };
  }

  modify(orderId: string, newPriceTicks: number, newQuantity: number): boolean {
    const order = this.book.get(orderId);
    if (order === undefined) return false;
    const priceTicks = this.clampToDay(newPriceTicks);
    const quantity = Math.max(1, Math.round(newQuantity));
    if (priceTicks === order.priceTicks && quantity === order.open) return true;
    this.emitOrderEvent("order.modified", order, priceTicks, quantity);
    if (priceTicks === order.priceTicks && quantity < order.open) {
      this.book.reduce(order, quantity);
      return true;
    }
    // A new price or a larger size loses time priority, and a re-price through the other side trades.
    this.book.remove(orderId);
    order.priceTicks = priceTicks;
    order.open = quantity;
    this.executeAgainstBook(order, priceTicks);
    if (order.open > 0) this.book.rest(order);
    else this.owners.delete(orderId);
    return true;
  }

  cancel(orderId: string): boolean {
    const order = this.book.remove(orderId);
    if (order === undefined) return false;
    this.emitOrderEvent("order.cancelled", order, order.priceTicks, order.open);
    this.owners.delete(orderId);
    return true;
  }

  /** Matches an incoming (or re-priced) order; emits its self-trade cancels and trades; returns the filled quantity. */
  private executeAgainstBook(order: RestingOrder, priceTicks: number | null): number {
    const aggressor = this.owners.get(order.orderId);
    const result: MatchResult = this.book.match(
      order.userId,
      order.side,
      priceTicks,
      order.open,
      aggressor?.selfTradePrevention ?? true,
    );
    for (const cancelled of result.selfTradeCancels) {
      this.emitOrderEvent("order.cancelled", cancelled, cancelled.priceTicks, cancelled.open);
      this.owners.delete(cancelled.orderId);
    }
    let filled = 0;
    for (const fill of result.fills) {
      const resting = this.owners.get(fill.resting.orderId);
      if (aggressor === undefined || resting === undefined)
        throw new Error(`${this.symbol}: order without owner in the book`);
      const [buyId, sellId] =
        order.side === "buy" ? [order.orderId, fill.resting.orderId] : [fill.resting.orderId, order.orderId];
      const [buyer, seller] = order.side === "buy" ? [aggressor, resting] : [resting, aggressor];
      this.emit({
        event_id: this.random.uuid(),
        event_type: "trade.executed",
        occurred_at: this.occurredAt,
        trade_id: this.random.uuid(),
        symbol: this.symbol,
        price: ticksToPriceString(fill.priceTicks),
        quantity: String(fill.quantity),
        buy_order_id: buyId,
        sell_order_id: sellId,
        buy_user_id: buyer.user.userId,
        sell_user_id: seller.user.userId,
        ...(buyer.accountId === undefined ? {} : { buy_account_id: buyer.accountId }),
        ...(seller.accountId === undefined ? {} : { sell_account_id: seller.accountId }),
        aggressor_side: order.side,
        venue_id: this.venueId,
      });
      filled += fill.quantity;
      this.firstFillTicks ??= fill.priceTicks;
      this.lastFillTicks = fill.priceTicks;
      const impactBps = (IMPACT_BPS_PER_TYPICAL_SIZE * fill.quantity) / this.typicalSize;
      this.impactTicks += ((order.side === "buy" ? 1 : -1) * impactBps * fill.priceTicks) / 10_000;
      this.recordTradePrice(fill.priceTicks);
      if (fill.resting.open === 0) this.owners.delete(fill.resting.orderId);
      resting.agent.onFill?.(fill.resting.orderId, fill.quantity);
      aggressor.agent.onFill?.(order.orderId, fill.quantity);
    }
    order.open -= filled;
    return filled;
  }

  private emitOrderEvent(
    eventType: "order.modified" | "order.cancelled",
    order: RestingOrder,
    priceTicks: number | null,
    quantity: number,
  ): void {
    const owner = this.owners.get(order.orderId);
    const event: OrderEvent = {
      event_id: this.random.uuid(),
      event_type: eventType,
      occurred_at: this.occurredAt,
      order_id: order.orderId,
      user_id: order.userId,
      ...(owner?.accountId === undefined ? {} : { account_id: owner.accountId }),
      symbol: this.symbol,
      side: order.side,
      order_type: priceTicks === null ? "market" : "limit",
      price: priceTicks === null ? null : ticksToPriceString(priceTicks),
      quantity: String(quantity),
      venue_id: this.venueId,
    };
    this.emit(event);
  }

  /** Last trade and its time-decayed average (the base of recentMoveBps). */
  private recordTradePrice(priceTicks: number): void {
    const atMs = this.impactAtMs;
    const weight =
      this.lastTrade === undefined
        ? 1
        : 1 - Math.exp(-Math.max(0, atMs - this.averageAtMs) / RECENT_PRICE_MS);
    this.averageTradeTicks += weight * ((this.lastTrade ?? priceTicks) - this.averageTradeTicks);
    this.averageAtMs = atMs;
    this.lastTrade = priceTicks;
  }

  private clampToDay(priceTicks: number): number {
    const { lowTicks, highTicks } = this.day;
    return Math.min(highTicks, Math.max(lowTicks, Math.round(priceTicks)));
  }

  private requireActingAgent(): Agent {
    if (this.actingAgent === undefined)
      throw new Error(`${this.symbol}: orders are entered only during an agent action`);
    return this.actingAgent;
  }
}
