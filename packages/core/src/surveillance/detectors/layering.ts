import type { DetectorOptions, SymbolDetector } from "../detector";
import { BuiltInDetector } from "../detector";
import { atLeast, atMost, enteredEntry, fillEntry, oppositeOf, cancelEntry } from "../evidence";
import type { ObservedOrder, ObservedTrade, Side, SymbolBook, TrackedOrder } from "../market-view";
import type { Thresholds } from "../thresholds";
import type { TimelineEntry, TradingPattern } from "../types";
import { UserStates } from "../user-states";

interface Layer {
  order: TrackedOrder;
  /** The cancel of the layer, once seen (as a timeline entry: the event itself is not kept). */
  cancel: { timeMs: number; quantity: number; entry: TimelineEntry } | undefined;
}

interface LayeringUser {
  /** Recent orders entered at or behind the touch, newest last (at most MAX_LAYERS_KEPT per side). */
  buy: Layer[];
  sell: Layer[];
  lastFill: { buy: ObservedTrade | undefined; sell: ObservedTrade | undefined };
}

/** Enough for any realistic stack (Avalon's layers were 3-10 deep); older entries drop off. */
const MAX_LAYERS_KEPT = 24;
/**
 * Orders entered longer ago than this are dropped from the history: layers rest seconds, not minutes,
 * before the execution they lean on (Avalon's and Trillium's stacks), and the history stays small for
 * the many users who simply rest orders.
 */
const LAYER_MEMORY_MS = 60_000;

/**
 * Layering (FINRA Rule 5210 SM .03, SEC v. Lek Securities / Avalon FA): >= minLayers orders on one side,
 * on distinct price levels at or behind the best price, all entered within maxPlacementSpanMs, part of
 * them resting when the same user's order on the other side traded (the rest may be added after the
 * fill, topping up the stack before it is pulled); then, within maxCancelAfterFillMs of
 * that fill, the layers are cancelled: those on >= minLayers distinct levels, and >= minCancelledFraction
 * of the stack's volume. It fires on the cancel that completes the picture (later cancels of the same
 * stack update the alert through deduplication).
 */
export class LayeringDetector extends BuiltInDetector<"layering"> {
  constructor(options: DetectorOptions = {}) {
    super("layering", options);
  }

  forSymbol(book: SymbolBook): SymbolDetector {
    return new LayeringSession(book, this.thresholds);
  }
}

class LayeringSession implements SymbolDetector {
  private readonly users: UserStates<LayeringUser>;

  constructor(
    private readonly book: SymbolBook,
    private readonly thresholds: Thresholds<"layering">,
  ) {
    this.users = new UserStates(book, () => ({
      buy: [],
      sell: [],
      lastFill: { buy: undefined, sell: undefined },
    }));
  }

  onOrder(observed: ObservedOrder, found: TradingPattern[]): void {
    const { event, order } = observed;
    if (order === undefined) return;
    if (event.event_type === "order.created") {
      // Joining or backing the touch, never improving it: a layer adds depth, it does not lead the price.
      if (order.immediateOrCancel || order.touchDistanceBps < 0) {
        this.users.seen(observed.user, observed.timeMs);
        return;
      }
      // Only a layer entered creates the user's state; other order events just keep it alive.
      const layers = this.users.touch(observed.user, observed.timeMs)[order.side];
      while (layers.length > 0 && (layers[0] as Layer).order.createdMs < observed.timeMs - LAYER_MEMORY_MS)
        layers.shift();
      layers.push({ order, cancel: undefined });
      if (layers.length > MAX_LAYERS_KEPT) layers.shift();
      return;
    }
    const user = this.users.seen(observed.user, observed.timeMs);
    if (event.event_type !== "order.cancelled" || observed.autoCancel || user === undefined) return;
    const layer = layerOf(user[order.side], order);
    if (layer === undefined) return;
    layer.cancel = { timeMs: observed.timeMs, quantity: observed.quantity, entry: cancelEntry(observed) };
    const pattern = this.layeringOf(user, order.side, observed);
    if (pattern !== undefined) found.push(pattern);
  }

  onTrade(trade: ObservedTrade, _found: TradingPattern[]): void {
    this.users.touch(trade.buyer, trade.timeMs).lastFill.buy = trade;
    this.users.touch(trade.seller, trade.timeMs).lastFill.sell = trade;
  }

  /** Its per-user state is dropped by the book (SymbolBook.evictIdle). */
  evictIdle(): void {}

  private layeringOf(user: LayeringUser, side: Side, cancel: ObservedOrder): TradingPattern | undefined {
    const limits = this.thresholds;
    const fillSide = oppositeOf(side);
    const fill = user.lastFill[fillSide];
    if (fill === undefined || cancel.timeMs - fill.timeMs > limits.maxCancelAfterFillMs) return undefined;

    // The stack: the layers entered within the placement span before the newest of them, those added
    // after the fill included (a stack topped up once the genuine order traded is still one stack), as
    // long as part of it was resting when the fill came.
    const layers = user[side];
    let newest = 0;
    for (const { order } of layers) newest = Math.max(newest, order.createdMs);
    if (!mayBeStack(layers, newest, fill.timeMs, limits)) return undefined;
    const stack = layers.filter(({ order }) => newest - order.createdMs <= limits.maxPlacementSpanMs);
    const pulled = stack.flatMap(({ order, cancel: pull }) =>
      pull !== undefined && pull.timeMs >= fill.timeMs ? [{ order, pull }] : [],
    );
    const pulledLevels = new Set(pulled.map(({ order }) => order.price)).size;
    const stackVolume = stack.reduce((total, { order }) => total + order.createdQuantity, 0);
    const pulledVolume = pulled.reduce((total, { pull }) => total + pull.quantity, 0);
    const pulledFraction = pulledVolume / stackVolume;
    if (pulledLevels < limits.minLayers || pulledFraction < limits.minCancelledFraction) return undefined;

    const first = stack.reduce((earliest, { order }) => Math.min(earliest, order.createdMs), newest);
    const timeline: TimelineEntry[] = [
      ...stack.map(({ order }) => enteredEntry(order)),
      fillEntry(fill, fillSide),
      ...pulled.map(({ pull }) => pull.entry),
    ];
    const fillOrderId = fillSide === "buy" ? fill.event.buy_order_id : fill.event.sell_order_id;
    const cancelSpanMs = cancel.timeMs - fill.timeMs;
    return {
      type: "layering",
      userId: cancel.event.user_id,
      symbol: this.book.symbol,
      firstEventMs: first,
      lastEventMs: cancel.timeMs,
      orderIds: [...stack.map(({ order }) => order.orderId), fillOrderId],
      description:
        `${pulled.length} ${side} orders on ${pulledLevels} price levels entered within ` +
        `${Math.round(newest - first)} ms, cancelled within ${Math.round(cancelSpanMs)} ms after the user's ` +
        `${fillSide} fill of ${fill.event.quantity} at ${fill.event.price}`,
      crossings: [
        atLeast("layers", pulledLevels, "minLayers", limits.minLayers),
        atMost("placementSpanMs", newest - first, "maxPlacementSpanMs", limits.maxPlacementSpanMs),
        atMost("cancelAfterFillMs", cancelSpanMs, "maxCancelAfterFillMs", limits.maxCancelAfterFillMs),
        atLeast("cancelledFraction", pulledFraction, "minCancelledFraction", limits.minCancelledFraction),
      ],
      metrics: { stackVolume, cancelledVolume: pulledVolume },
      timeline,
    };
  }
}

/**
 * Part of the stack ending at `newestMs` rested when the fill came, and at least minLayers of its
 * orders were pulled since (pulled levels cannot outnumber pulled orders). Most cancels of a user
 * with a recent fill fail this: checked in one loop before the stack and its evidence are built.
 */
function mayBeStack(
  layers: readonly Layer[],
  newestMs: number,
  fillMs: number,
  limits: Thresholds<"layering">,
): boolean {
  let resting = false;
  let pulled = 0;
  for (const { order, cancel } of layers) {
    if (!(newestMs - order.createdMs <= limits.maxPlacementSpanMs)) continue;
    if (order.createdMs <= fillMs) resting = true;
    if (cancel !== undefined && cancel.timeMs >= fillMs) pulled++;
  }
  return resting && pulled >= limits.minLayers;
}

/** The layer of the order (a loop: every trader's cancel is looked up here, no closure per cancel). */
function layerOf(layers: readonly Layer[], order: TrackedOrder): Layer | undefined {
  for (const layer of layers) if (layer.order === order) return layer;
  return undefined;
}
