import type { Side } from "@nexus/core/events";

/** An order resting in the simulator's book. `open` is its unfilled quantity (shares). */
export interface RestingOrder {
  readonly orderId: string;
  readonly userId: string;
  readonly side: Side;
  priceTicks: number;
  open: number;
}

/** One execution of an incoming order against a resting one, at the resting order's price. */
export interface Fill {
  resting: RestingOrder;
  priceTicks: number;
  quantity: number;
}

export interface MatchResult {
  fills: Fill[];
  /** Resting orders of the incoming order's own user that it reached: cancelled (self-trade prevention). */
  selfTradeCancels: RestingOrder[];
  remaining: number;
}

export interface TopOfBook {
  bidTicks: number;
  bidSize: number;
  askTicks: number;
  askSize: number;
}

interface Level {
  priceTicks: number;
  orders: RestingOrder[];
  size: number;
}

/**
 * A price-time priority book for one symbol (levels sorted best first, FIFO within a level). Self-trade
 * prevention cancels the resting order, the common exchange default, so benign agents never print wash
 * trades that surveillance would rightly flag.
 */
export class OrderBook {
  private readonly bids: Level[] = [];
  private readonly asks: Level[] = [];
  private readonly live = new Map<string, RestingOrder>();

  get(orderId: string): RestingOrder | undefined {
    return this.live.get(orderId);
  }

  /** Orders still resting, in no particular order. */
  restingOrders(): IterableIterator<RestingOrder> {
    return this.live.values();
  }

  /**
   * Takes liquidity for an incoming order; limitTicks null is a market order. With selfTradePrevention
   * false the user's own resting orders trade like anyone else's.
   */
  match(
    userId: string,
    side: Side,
    limitTicks: number | null,
    quantity: number,
    selfTradePrevention = true,
  ): MatchResult {
    const levels = side === "buy" ? this.asks : this.bids;
    const fills: Fill[] = [];
    const selfTradeCancels: RestingOrder[] = [];
    let remaining = quantity;
    while (remaining > 0) {
      const level = levels[0];
      if (level === undefined) break;
      if (
        limitTicks !== null &&
        (side === "buy" ? level.priceTicks > limitTicks : level.priceTicks < limitTicks)
      )
        break;
      const resting = level.orders[0];
      if (resting === undefined) break;
      if (selfTradePrevention && resting.userId === userId) {
        this.unlink(level, levels, 0);
        selfTradeCancels.push(resting);
        continue;
      }
      const quantityFilled = Math.min(remaining, resting.open);
      fills.push({ resting, priceTicks: level.priceTicks, quantity: quantityFilled });
      remaining -= quantityFilled;
      resting.open -= quantityFilled;
      level.size -= quantityFilled;
      if (resting.open === 0) this.unlink(level, levels, 0);
    }
    return { fills, selfTradeCancels, remaining };
  }

  /** Adds an order behind those already at its price. */
  rest(order: RestingOrder): void {
    const levels = order.side === "buy" ? this.bids : this.asks;
    const better = order.side === "buy" ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
    let low = 0;
    let high = levels.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const level = levels[middle];
      if (level !== undefined && better(level.priceTicks, order.priceTicks)) low = middle + 1;
      else high = middle;
    }
    let level = levels[low];
    if (level === undefined || level.priceTicks !== order.priceTicks) {
      level = { priceTicks: order.priceTicks, orders: [], size: 0 };
      levels.splice(low, 0, level);
    }
    level.orders.push(order);
    level.size += order.open;
    this.live.set(order.orderId, order);
  }

  /** Takes an order out of the book; undefined if it is not resting (filled, cancelled, unknown). */
  remove(orderId: string): RestingOrder | undefined {
    const order = this.live.get(orderId);
    if (order === undefined) return undefined;
    const levels = order.side === "buy" ? this.bids : this.asks;
    const level = levels.find((candidate) => candidate.priceTicks === order.priceTicks);
    const position = level?.orders.indexOf(order) ?? -1;
    if (level === undefined || position < 0)
      throw new Error(`order book corrupt: ${orderId} not at its level`);
    this.unlink(level, levels, position);
    return order;
  }

  /** Lowers the open quantity in place, keeping time priority (a size increase must re-queue instead). */
  reduce(order: RestingOrder, newOpen: number): void {
    const levels = order.side === "buy" ? this.bids : this.asks;
    const level = levels.find((candidate) => candidate.priceTicks === order.priceTicks);
    if (level === undefined || newOpen <= 0 || newOpen > order.open)
      throw new Error(`cannot reduce ${order.orderId} to ${newOpen}`);
    level.size -= order.open - newOpen;
    order.open = newOpen;
  }

  /** Total open quantity resting on one side at one price (0 when no order rests there). */
  sizeAt(side: Side, priceTicks: number): number {
    const levels = side === "buy" ? this.bids : this.asks;
    return levels.find((level) => level.priceTicks === priceTicks)?.size ?? 0;
  }

  /** Open quantity on a side at prices at least as good as `priceTicks` for whoever takes it (what a sweep to there takes). */
  depthTo(side: Side, priceTicks: number): number {
    let depth = 0;
    for (const level of side === "buy" ? this.bids : this.asks) {
      if (side === "buy" ? level.priceTicks < priceTicks : level.priceTicks > priceTicks) break;
      depth += level.size;
    }
    return depth;
  }

  /**
   * What an incoming order of `userId` could take right now up to its limit, leaving out the user's own
   * resting orders (self-trade prevention would cancel them rather than trade): the fill-or-kill check.
   */
  fillableQuantity(userId: string, side: Side, limitTicks: number): number {
    let fillable = 0;
    for (const level of side === "buy" ? this.asks : this.bids) {
      if (side === "buy" ? level.priceTicks > limitTicks : level.priceTicks < limitTicks) break;
      for (const order of level.orders) if (order.userId !== userId) fillable += order.open;
    }
    return fillable;
  }

  bestBid(): Level | undefined {
    return this.bids[0];
  }

  bestAsk(): Level | undefined {
    return this.asks[0];
  }

  /** Best bid and offer, or undefined while either side is empty. */
  top(): TopOfBook | undefined {
    const bid = this.bids[0];
    const ask = this.asks[0];
    if (bid === undefined || ask === undefined) return undefined;
    return { bidTicks: bid.priceTicks, bidSize: bid.size, askTicks: ask.priceTicks, askSize: ask.size };
  }

  clear(): void {
    this.bids.length = 0;
    this.asks.length = 0;
    this.live.clear();
  }

  private unlink(level: Level, levels: Level[], position: number): void {
    const [order] = level.orders.splice(position, 1);
    if (order === undefined) return;
    level.size -= order.open;
    this.live.delete(order.orderId);
    if (level.orders.length === 0) levels.splice(levels.indexOf(level), 1);
  }
}
