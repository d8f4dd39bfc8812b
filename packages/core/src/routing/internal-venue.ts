import { Decimal, sumDecimals, toDecimal } from "../money";
import type { BookLevel, MatchingEngine, OrderOutcome } from "../matching/index";
import { ACCESS_FEE_CAP_2024, type FeeSchedule } from "./fees";
import type {
  ExecutionVenue,
  PriceLevel,
  VenueActivity,
  VenueCancelResult,
  VenueExecutionReport,
  VenueOrder,
  VenueQuote,
} from "./venue";

export interface InternalVenueOptions {
  engine: MatchingEngine;
  now: () => number;
  /** Crossing in our own book costs no exchange fee by default. */
  feeSchedule?: FeeSchedule;
  /** Book levels per side offered in quotes (default 10). */
  depthLevels?: number;
  /** Every engine outcome (its contract trades and order events), for the caller to publish. */
  onOutcome?: (outcome: OrderOutcome) => void;
}

export const NO_FEES: FeeSchedule = {
  model: "flat",
  takerFeePerShare: new Decimal(0),
  makerFeePerShare: new Decimal(0),
  accessFeeCap: ACCESS_FEE_CAP_2024,
};

/**
 * The internal matching engine as an execution venue. Its book is not a protected quotation (it is not
 * displayed to the market), so its quotes are undisplayed: the router may internalize at or inside the
 * NBBO but never through it. Calls are synchronous underneath and resolve at once.
 */
export class InternalVenue implements ExecutionVenue {
  readonly venueId: string;
  readonly venueType = "internal" as const;
  readonly feeSchedule: FeeSchedule;
  private readonly activity = { ordersReceived: 0, ordersFilled: 0, ordersRejected: 0, cancels: 0 };
  private sharesExecuted = new Decimal(0);

  constructor(private readonly options: InternalVenueOptions) {
    this.venueId = options.engine.venueId;
    this.feeSchedule = options.feeSchedule ?? NO_FEES;
  }

  getQuote(symbol: string): Promise<VenueQuote | undefined> {
    const { bids, asks } = this.options.engine.depth(symbol, this.options.depthLevels ?? 10);
    return Promise.resolve({
      venueId: this.venueId,
      symbol,
      bids: bids.map(priceLevel),
      asks: asks.map(priceLevel),
      displayed: false,
      timestamp: this.options.now(),
    });
  }

  submitOrder(order: VenueOrder): Promise<VenueExecutionReport> {
    this.activity.ordersReceived += 1;
    const outcome = this.options.engine.submit({
      orderId: order.orderId,
      userId: order.userId,
      symbol: order.symbol,
      side: order.side,
      orderType: order.orderType,
      price: order.limitPrice,
      quantity: order.quantity,
      timeInForce: order.timeInForce,
    });
    this.options.onOutcome?.(outcome);
    if (outcome.status === "rejected") this.activity.ordersRejected += 1;
    if (outcome.status === "filled") this.activity.ordersFilled += 1;
    this.sharesExecuted = this.sharesExecuted.plus(outcome.filledQuantity);
    const taker = this.feeSchedule.takerFeePerShare;
    const fills = outcome.trades.map((trade) => ({
      price: toDecimal(trade.price),
      quantity: toDecimal(trade.quantity),
      feePerShare: taker,
      liquidity: "removed" as const,
    }));
    return Promise.resolve({
      venueId: this.venueId,
      orderId: order.orderId,
      status: outcome.status,
      rejectReason: outcome.rejectReason,
      fills,
      filledQuantity: outcome.filledQuantity,
      openQuantity: outcome.openQuantity,
      averagePrice: outcome.averagePrice,
      fee: sumDecimals(fills.map((f) => f.quantity.times(f.feePerShare))),
    });
  }

  cancelOrder(orderId: string): Promise<VenueCancelResult> {
    const outcome = this.options.engine.cancel(orderId);
    this.options.onOutcome?.(outcome);
    const cancelled = outcome.status === "cancelled";
    if (cancelled) this.activity.cancels += 1;
    return Promise.resolve({ venueId: this.venueId, orderId, cancelled, reason: outcome.rejectReason });
  }

  getStats(): VenueActivity {
    return { ...this.activity, sharesExecuted: this.sharesExecuted };
  }
}

function priceLevel(level: BookLevel): PriceLevel {
  return { price: level.price, quantity: level.quantity };
}
