/**
 * Test doubles for the routing tests: a scripted ExecutionVenue and quote builders. Timing goes through
 * the injected Timer, which the tests back with vitest's fake timers.
 */
import { assert } from "vitest";
import { Decimal } from "../money";
import type { RoutingDecision } from "./decision";
import { ACCESS_FEE_CAP_2005, type FeeSchedule } from "./fees";
import type { RouteRequest, RoutingRefusal } from "./request";
import { SmartOrderRouter, type SmartOrderRouterOptions } from "./router";
import type {
  ExecutionVenue,
  PriceLevel,
  Timer,
  VenueActivity,
  VenueCancelResult,
  VenueExecutionReport,
  VenueOrder,
  VenueQuote,
  VenueType,
} from "./venue";

export const T0 = Date.parse("2026-11-24T14:30:00Z");

/** The production-shaped timer; under vi.useFakeTimers() it runs on fake time. */
export const timeoutTimer: Timer = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};

export const d = (value: string | number): Decimal => new Decimal(value);

export function fees(taker: string, model: FeeSchedule["model"] = "maker_taker"): FeeSchedule {
  return { model, takerFeePerShare: d(taker), makerFeePerShare: d(0), accessFeeCap: ACCESS_FEE_CAP_2005 };
}

export const levels = (...pairs: [string, number][]): PriceLevel[] =>
  pairs.map(([price, quantity]) => ({ price: d(price), quantity: d(quantity) }));

export interface QuoteSpec {
  bids?: [string, number][];
  asks?: [string, number][];
  displayed?: boolean;
  timestamp?: number;
  symbol?: string;
}

export function quoteOf(venueId: string, spec: QuoteSpec): VenueQuote {
  return {
    venueId,
    symbol: spec.symbol ?? "AAPL",
    bids: levels(...(spec.bids ?? [])),
    asks: levels(...(spec.asks ?? [])),
    displayed: spec.displayed ?? true,
    timestamp: spec.timestamp ?? T0,
  };
}

/** How the stub answers an order: fill some of it at a price, reject, throw, or never answer. */
export type StubBehaviour =
  | { kind: "fill"; price: string; fillRatio?: number }
  | { kind: "reject"; reason?: string }
  | { kind: "error" }
  | { kind: "timeout" };

export class StubVenue implements ExecutionVenue {
  readonly orders: VenueOrder[] = [];
  readonly cancels: string[] = [];
  behaviour: StubBehaviour = { kind: "fill", price: "100" };
  quote: VenueQuote | undefined;
  failCancels = false;

  constructor(
    readonly venueId: string,
    readonly venueType: VenueType,
    readonly feeSchedule: FeeSchedule,
    private readonly timer: Timer,
    readonly latencyMs = 2,
  ) {}

  getQuote(): Promise<VenueQuote | undefined> {
    return this.quote === undefined
      ? Promise.reject(new Error("no market data"))
      : Promise.resolve(this.quote);
  }

  submitOrder(order: VenueOrder): Promise<VenueExecutionReport> {
    this.orders.push(order);
    const behaviour = this.behaviour;
    return new Promise((resolve, reject) => {
      if (behaviour.kind === "timeout") return;
      this.timer.after(this.latencyMs, () => {
        if (behaviour.kind === "error") reject(new Error(`${this.venueId} connection reset`));
        else resolve(this.report(order, behaviour));
      });
    });
  }

  cancelOrder(orderId: string): Promise<VenueCancelResult> {
    this.cancels.push(orderId);
    if (this.failCancels) return Promise.reject(new Error("cancel lost"));
    return Promise.resolve({ venueId: this.venueId, orderId, cancelled: true });
  }

  getStats(): VenueActivity {
    return {
      ordersReceived: this.orders.length,
      ordersFilled: 0,
      ordersRejected: 0,
      cancels: 0,
      sharesExecuted: d(0),
    };
  }

  private report(
    order: VenueOrder,
    behaviour: StubBehaviour & { kind: "fill" | "reject" },
  ): VenueExecutionReport {
    const base = { venueId: this.venueId, orderId: order.orderId, fills: [], openQuantity: d(0) };
    if (behaviour.kind === "reject") {
      return {
        ...base,
        status: "rejected",
        rejectReason: behaviour.reason,
        filledQuantity: d(0),
        averagePrice: null,
        fee: d(0),
      };
    }
    const filled = order.quantity.times(behaviour.fillRatio ?? 1).floor();
    const price = d(behaviour.price);
    return {
      ...base,
      status: filled.isZero() ? "cancelled" : filled.eq(order.quantity) ? "filled" : "partially_filled",
      fills: filled.isZero()
        ? []
        : [{ price, quantity: filled, feePerShare: this.feeSchedule.takerFeePerShare, liquidity: "removed" }],
      filledQuantity: filled,
      averagePrice: filled.isZero() ? null : price,
      fee: filled.times(this.feeSchedule.takerFeePerShare),
    };
  }
}

let ids = 0;
/** Deterministic UUIDs: 00000000-0000-4000-8000-000000000001, ...002, ... */
export const newId = (): string => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, "0")}`;
export function resetIds(): void {
  ids = 0;
}

export function newRouter(options: Partial<SmartOrderRouterOptions> = {}): SmartOrderRouter {
  return new SmartOrderRouter({ now: () => Date.now(), newId, timer: timeoutTimer, ...options });
}

export interface VenueSpec extends QuoteSpec {
  id: string;
  type?: VenueType;
  fee?: string;
  fillRate?: number;
  latencyMs?: number;
}

export function addVenue(router: SmartOrderRouter, spec: VenueSpec): StubVenue {
  const fee = spec.fee ?? "0.003";
  const venue = new StubVenue(
    spec.id,
    spec.type ?? "exchange",
    fees(fee, fee.startsWith("-") ? "inverted" : "maker_taker"),
    timeoutTimer,
  );
  router.registerVenue(venue, { fillRate: spec.fillRate ?? 0.9, latencyMs: spec.latencyMs ?? 2 });
  router.onQuote(
    quoteOf(spec.id, { displayed: spec.type === undefined || spec.type === "exchange", ...spec }),
  );
  return venue;
}

export const request = (overrides: Partial<RouteRequest> = {}): RouteRequest => ({
  orderId: "0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19",
  userId: "3c2b1a09-8f7e-4d6c-9b5a-493827160554",
  symbol: "AAPL",
  side: "buy",
  quantity: d(100),
  strategy: "smart",
  ...overrides,
});

export function routed(outcome: RoutingDecision | RoutingRefusal): RoutingDecision {
  assert(outcome.kind === "routed", `expected a decision, got: ${JSON.stringify(outcome)}`);
  return outcome;
}
export function refused(outcome: RoutingDecision | RoutingRefusal): RoutingRefusal {
  assert(outcome.kind === "refused", `expected a refusal, got: ${JSON.stringify(outcome)}`);
  return outcome;
}
