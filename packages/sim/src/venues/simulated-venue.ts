import { Decimal, sumDecimals } from "@nexus/core/money";
import {
  isBetterPrice,
  rejectedReport,
  takerFeeAt,
  type AccessFeeCap,
  type ExecutionVenue,
  type FeeSchedule,
  type PriceLevel,
  type Timer,
  type VenueActivity,
  type VenueCancelResult,
  type VenueExecutionReport,
  type VenueFill,
  type VenueOrder,
  type VenuePriors,
  type VenueQuote,
} from "@nexus/core/routing";
import { SeededRandom } from "../random";
import { sampleLatencyMs } from "./latency";
import {
  VENUE_PROFILES,
  feeScheduleFor,
  type FeeModel,
  type SimulatedVenueType,
  type VenueProfile,
} from "./profiles";

/** Injected faults: each order independently times out or is rejected; outages refuse everything. */
export interface FaultProfile {
  /** Chance the venue never answers an order (the router's timeout must catch it). */
  timeoutRate: number;
  /** Chance the venue answers with a reject. */
  rejectRate: number;
  /** [from, to) epoch-ms windows in which the venue is down: orders and quote requests fail. */
  outages: { from: number; to: number }[];
}

export const NO_FAULTS: FaultProfile = { timeoutRate: 0, rejectRate: 0, outages: [] };

export interface SimulatedVenueOptions {
  venueId: string;
  venueType: SimulatedVenueType;
  seed: number;
  now: () => number;
  timer: Timer;
  /** Default: the type's model (maker-taker for exchanges). "inverted" makes a taker-maker exchange. */
  feeModel?: FeeModel;
  /** Full fee schedule, overriding feeModel. */
  feeSchedule?: FeeSchedule;
  /** Rule 610(c) cap applied to the default fee schedules (default: the 2005 $0.003). */
  accessFeeCap?: AccessFeeCap;
  tickSize?: Decimal;
  faults?: FaultProfile;
  /** Overrides of the type's profile (latency, fill probability, depth...). */
  profile?: Partial<VenueProfile>;
}

const ROUND_LOT = 100;
const TWO = new Decimal(2);

/**
 * A simulated external venue: quotes a seeded book around a reference price per symbol, answers orders
 * after a sampled latency on the injected timer, charges its fee schedule, and fails as configured.
 * Same seed, clock and call sequence give the same quotes, fills and latencies.
 */
export class SimulatedVenue implements ExecutionVenue {
  readonly venueId: string;
  readonly venueType: SimulatedVenueType;
  readonly feeSchedule: FeeSchedule;
  readonly profile: VenueProfile;
  private readonly random: SeededRandom;
  private readonly tick: Decimal;
  private readonly faults: FaultProfile;
  private readonly references = new Map<string, Decimal>();
  private readonly resting = new Map<string, VenueOrder>();
  private readonly activity = { ordersReceived: 0, ordersFilled: 0, ordersRejected: 0, cancels: 0 };
  private sharesExecuted = new Decimal(0);

  constructor(private readonly options: SimulatedVenueOptions) {
    this.venueId = options.venueId;
    this.venueType = options.venueType;
    this.profile = { ...VENUE_PROFILES[options.venueType], ...options.profile };
    this.feeSchedule =
      options.feeSchedule ??
      feeScheduleFor(options.venueType, options.feeModel ?? this.profile.feeModel, options.accessFeeCap);
    this.random = new SeededRandom(options.seed);
    this.tick = options.tickSize ?? new Decimal("0.01");
    this.faults = options.faults ?? NO_FAULTS;
  }

  /** The router's starting assumptions for this venue: what its profile says it fills and how fast. */
  get priors(): VenuePriors {
    return { fillRate: this.profile.fillProbability, latencyMs: this.profile.latency.medianMs };
  }

  /** Where the simulated market is for a symbol (the simulator or a test moves it). */
  setReferencePrice(symbol: string, price: Decimal): void {
    this.references.set(symbol, price);
  }

  /** The quote now, synchronously (getQuote wraps it); undefined for a symbol without a reference price. */
  quoteNow(symbol: string): VenueQuote | undefined {
    const reference = this.references.get(symbol);
    if (reference === undefined) return undefined;
    const { bids, asks } = this.book(reference);
    return {
      venueId: this.venueId,
      symbol,
      bids,
      asks,
      displayed: this.profile.displayed,
      timestamp: this.options.now(),
    };
  }

  getQuote(symbol: string): Promise<VenueQuote | undefined> {
    if (this.inOutage()) return Promise.reject(new Error(`${this.venueId} is down`));
    return Promise.resolve(this.quoteNow(symbol));
  }

  submitOrder(order: VenueOrder): Promise<VenueExecutionReport> {
    this.activity.ordersReceived += 1;
    const latencyMs = sampleLatencyMs(this.random, this.profile.latency);
    return new Promise((resolve, reject) => {
      if (this.inOutage()) {
        this.options.timer.after(latencyMs, () => reject(new Error(`${this.venueId} is down`)));
        return;
      }
      if (this.random.chance(this.faults.timeoutRate)) return;
      const report = this.random.chance(this.faults.rejectRate)
        ? this.rejected(order, "venue busy: order rate limit exceeded")
        : this.execute(order);
      this.options.timer.after(latencyMs, () => resolve(report));
    });
  }

  cancelOrder(orderId: string): Promise<VenueCancelResult> {
    const cancelled = this.resting.delete(orderId);
    if (cancelled) this.activity.cancels += 1;
    return Promise.resolve({
      venueId: this.venueId,
      orderId,
      cancelled,
      ...(cancelled ? {} : { reason: "no open order with that id" }),
    });
  }

  getStats(): VenueActivity {
    return { ...this.activity, sharesExecuted: this.sharesExecuted };
  }

  private inOutage(): boolean {
    const now = this.options.now();
    return this.faults.outages.some((o) => now >= o.from && now < o.to);
  }

  /** A seeded book: `levels` levels a side, one tick apart, starting `halfSpreadTicks` (less any improvement) off the reference. */
  private book(reference: Decimal): { bids: PriceLevel[]; asks: PriceLevel[] } {
    const { levels, halfSpreadTicks, improvementTicks } = this.profile;
    const bids: PriceLevel[] = [];
    const asks: PriceLevel[] = [];
    const offset = this.tick.times(halfSpreadTicks - improvementTicks);
    for (let level = 0; level < levels; level += 1) {
      const away = offset.plus(this.tick.times(level));
      bids.push({ price: reference.minus(away), quantity: this.levelShares() });
      asks.push({ price: reference.plus(away), quantity: this.levelShares() });
    }
    return { bids, asks };
  }

  private levelShares(): Decimal {
    const { minLevelShares, maxLevelShares } = this.profile;
    const lots = this.random.intBetween(minLevelShares / ROUND_LOT, maxLevelShares / ROUND_LOT);
    return new Decimal(lots * ROUND_LOT);
  }

  private execute(order: VenueOrder): VenueExecutionReport {
    const reference = this.references.get(order.symbol);
    if (reference === undefined) return this.rejected(order, `unknown symbol ${order.symbol}`);
    const found = this.random.chance(this.profile.fillProbability);
    const fills = found ? this.match(order, reference) : [];
    const filled = sumDecimals(fills.map((f) => f.quantity));
    const open = order.quantity.minus(filled);
    if (order.timeInForce === "day" && !open.isZero()) this.resting.set(order.orderId, order);
    if (open.isZero()) this.activity.ordersFilled += 1;
    this.sharesExecuted = this.sharesExecuted.plus(filled);
    return {
      venueId: this.venueId,
      orderId: order.orderId,
      status: open.isZero()
        ? "filled"
        : order.timeInForce === "day"
          ? "resting"
          : filled.isZero()
            ? "cancelled"
            : "partially_filled",
      fills,
      filledQuantity: filled,
      openQuantity: order.timeInForce === "day" ? open : new Decimal(0),
      averagePrice: filled.isZero()
        ? null
        : sumDecimals(fills.map((f) => f.price.times(f.quantity))).div(filled),
      fee: sumDecimals(fills.map((f) => f.feePerShare.times(f.quantity))),
    };
  }

  /**
   * A dark pool crosses at the midpoint against hidden size (up to maxLevelShares); other venues take
   * their quoted levels within the order's limit.
   */
  private match(order: VenueOrder, reference: Decimal): VenueFill[] {
    const takeable: PriceLevel[] =
      this.venueType === "dark_pool"
        ? [{ price: this.midpoint(reference), quantity: this.levelShares() }]
        : order.side === "buy"
          ? this.book(reference).asks
          : this.book(reference).bids;
    const fills: VenueFill[] = [];
    let remaining = order.quantity;
    for (const level of takeable) {
      if (remaining.isZero()) break;
      if (order.limitPrice !== null && isBetterPrice(order.side, order.limitPrice, level.price)) break;
      const quantity = Decimal.min(remaining, level.quantity);
      fills.push({
        price: level.price,
        quantity,
        feePerShare: takerFeeAt(this.feeSchedule, level.price),
        liquidity: "removed",
      });
      remaining = remaining.minus(quantity);
    }
    return fills;
  }

  private midpoint(reference: Decimal): Decimal {
    const half = this.tick.times(this.profile.halfSpreadTicks);
    return reference.minus(half).plus(reference.plus(half)).div(TWO);
  }

  private rejected(order: VenueOrder, reason: string): VenueExecutionReport {
    this.activity.ordersRejected += 1;
    return rejectedReport(this.venueId, order.orderId, reason);
  }
}

export function createSimulatedVenue(options: SimulatedVenueOptions): SimulatedVenue {
  return new SimulatedVenue(options);
}
