/**
 * The embedded default's trading centers: the internal venue is the matching engine of @nexus/core
 * (behind core's InternalVenue), the external ones are @nexus/sim's simulated venues (two maker-taker
 * exchanges, an inverted one, an ATS, a dark pool and a wholesaler, with their fees, latency, fill
 * behaviour and, for the ATS, scheduled outages). The router reaches all of them through one venue gateway,
 * as it would reach real ones through their order-entry sessions.
 */
import { Decimal } from "@nexus/core/money";
import { MatchingEngine } from "@nexus/core/matching";
import {
  ACCESS_FEE_CAP_2024,
  InternalVenue,
  rejectedReport,
  type ExecutionVenue,
  type Timer,
  type VenueExecutionReport,
  type VenueOrder,
} from "@nexus/core/routing";
import type { CachedQuote, NewVenueConfigurationInput, VenueGateway } from "@nexus/services/routing";
import { SeededRandom } from "@nexus/sim";
import { createVenueSet, type FaultProfile, type SimulatedVenue } from "@nexus/sim/venues";

export const INTERNAL_VENUE_ID = "INTERNAL";
const TICK = new Decimal("0.01");
/** The firm's principal desk, whose resting orders give the internal book liquidity to cross against. */
export const HOUSE_DESK_USER_ID = "6a1f0c3e-2b4d-4e8f-9a7c-5d3b1e0f2a48";
/** Re-posts the desk's orders in a symbol at most this often, so the book follows the market. */
const HOUSE_REFRESH_MS = 2_000;

/** ISO 10383 codes for the exchanges (the Rule 606 report names venues by MIC). */
const MICS: Record<string, string> = { XNYS: "XNYS", XNAS: "XNAS", BATY: "BATY" };

export interface SimulatedVenuesOptions {
  seed: number;
  now: () => number;
  timer: Timer;
  /** The ATS's scheduled outages count from this time (default now): 60 s down every 5 minutes, from minute 1. */
  outagesFrom?: number;
}

/** Report of a child order as the venue answered it, kept for the trades it produced. */
export interface AnsweredChildOrder {
  venueId: string;
  order: VenueOrder;
  report: VenueExecutionReport;
}

export class SimulatedVenues {
  readonly engine: MatchingEngine;
  readonly external: SimulatedVenue[];
  private readonly internal: InternalVenue;
  private readonly venues = new Map<string, ExecutionVenue>();
  private readonly answered = new Map<string, AnsweredChildOrder>();
  private readonly houseOrders = new Map<string, { ids: string[]; postedAt: number }>();
  private readonly random: SeededRandom;

  constructor(private readonly options: SimulatedVenuesOptions) {
    this.random = new SeededRandom(options.seed);
    const newId = () => this.random.uuid();
    this.engine = new MatchingEngine({ venueId: INTERNAL_VENUE_ID, now: options.now, newId });
    this.internal = new InternalVenue({ engine: this.engine, now: options.now });
    this.external = createVenueSet({
      seed: options.seed,
      now: options.now,
      timer: options.timer,
      accessFeeCap: ACCESS_FEE_CAP_2024,
      faultsByVenue: { ATS1: scheduledOutages(options.outagesFrom ?? options.now()) },
    });
    for (const venue of [this.internal, ...this.external]) this.venues.set(venue.venueId, venue);
  }

  /** The venue_configurations rows the embedded default starts with (added through the audited path). */
  configurations(): NewVenueConfigurationInput[] {
    return [
      {
        venueId: INTERNAL_VENUE_ID,
        name: "NexusTrade internal cross (matching engine)",
        venueType: "internal",
        makerFee: "0",
        takerFee: "0",
        expectedLatencyMs: 0,
        priority: 10,
      },
      ...this.external.map((venue) => ({
        venueId: venue.venueId,
        name: `Simulated ${venue.venueType.replace("_", " ")} ${venue.venueId}`,
        venueType: venue.venueType,
        ...(MICS[venue.venueId] === undefined ? {} : { mic: MICS[venue.venueId] }),
        makerFee: venue.feeSchedule.makerFeePerShare.toFixed(),
        takerFee: venue.feeSchedule.takerFeePerShare.toFixed(),
        expectedLatencyMs: Math.max(1, Math.round(venue.profile.latency.medianMs)),
      })),
    ];
  }

  /**
   * The simulated market moved: the venues quote around the new midpoint (on the tick grid), and the
   * house desk's resting orders in the internal book follow it.
   */
  setReference(symbol: string, bid: Decimal, ask: Decimal): void {
    const reference = bid.plus(ask).div(2).toNearest(TICK);
    for (const venue of this.external) venue.setReferencePrice(symbol, reference);
    this.refreshHouseOrders(symbol, bid, ask);
  }

  /** Every venue's top of book now, for the quote store (the dark pool shows none). */
  quotes(): CachedQuote[] {
    const now = this.options.now();
    const quotes: CachedQuote[] = [];
    for (const symbol of this.houseOrders.keys()) {
      for (const venue of this.external) {
        const quote = venue.quoteNow(symbol);
        if (quote === undefined || venue.venueType === "dark_pool") continue;
        const [bid] = quote.bids;
        const [ask] = quote.asks;
        if (bid === undefined || ask === undefined) continue;
        quotes.push(cachedQuote(venue.venueId, symbol, now, bid, ask));
      }
      // A side the desk's orders no longer hold (taken) is quoted empty: fresh, with nothing on it.
      const empty = { price: new Decimal(0), quantity: new Decimal(0) };
      const bid = this.engine.bestBid(symbol) ?? empty;
      const ask = this.engine.bestAsk(symbol) ?? empty;
      quotes.push(cachedQuote(INTERNAL_VENUE_ID, symbol, now, bid, ask));
    }
    return quotes;
  }

  /** The gateway the router's configured venues send through; a venue not simulated here rejects. */
  gateway(): VenueGateway {
    return {
      submitOrder: async (target, order) => {
        const venue = this.venues.get(target.venueId);
        if (venue === undefined)
          return rejectedReport(target.venueId, order.orderId, "no session to this venue");
        const report = await venue.submitOrder(order);
        this.answered.set(order.orderId, { venueId: venue.venueId, order, report });
        return report;
      },
      cancelOrder: (target, orderId) => {
        const venue = this.venues.get(target.venueId);
        return venue === undefined
          ? Promise.resolve({ venueId: target.venueId, orderId, cancelled: false, reason: "no session" })
          : venue.cancelOrder(orderId);
      },
    };
  }

  /** The answer to a child order, handed over once (the trades are published from it). */
  takeAnswer(childOrderId: string): AnsweredChildOrder | undefined {
    const answer = this.answered.get(childOrderId);
    this.answered.delete(childOrderId);
    return answer;
  }

  /**
   * The desk quotes the internal book one tick inside the market when the spread allows (price
   * improvement for the orders it crosses), at the market otherwise, 300 to 1,500 shares a side.
   */
  private refreshHouseOrders(symbol: string, bid: Decimal, ask: Decimal): void {
    const now = this.options.now();
    const posted = this.houseOrders.get(symbol);
    if (posted !== undefined && now - posted.postedAt < HOUSE_REFRESH_MS) return;
    for (const id of posted?.ids ?? []) this.engine.cancel(id);
    const inside = ask.minus(bid).gte(TICK.times(3));
    const sides = [
      { side: "buy" as const, price: inside ? bid.plus(TICK) : bid },
      { side: "sell" as const, price: inside ? ask.minus(TICK) : ask },
    ];
    const ids = sides.map(({ side, price }) => {
      const orderId = this.random.uuid();
      this.engine.submit({
        orderId,
        userId: HOUSE_DESK_USER_ID,
        symbol,
        side,
        orderType: "limit",
        price,
        quantity: new Decimal(this.random.intBetween(3, 15) * 100),
        timeInForce: "day",
        capacity: "principal",
      });
      return orderId;
    });
    this.houseOrders.set(symbol, { ids, postedAt: now });
  }
}

/**
 * A minute down every 5 minutes from minute 1, for a day: long enough for the failures in a row that open
 * the breaker, and for its half-open probes to fail and succeed, on the dashboard from the first minutes.
 */
function scheduledOutages(from: number): FaultProfile {
  const outages = Array.from({ length: 288 }, (_, k) => {
    const start = from + 60_000 + k * 300_000;
    return { from: start, to: start + 60_000 };
  });
  return { timeoutRate: 0, rejectRate: 0, outages };
}

function cachedQuote(
  venueId: string,
  symbol: string,
  timestamp: number,
  bid: { price: Decimal; quantity: Decimal },
  ask: { price: Decimal; quantity: Decimal },
): CachedQuote {
  return {
    venueId,
    symbol,
    bidPrice: bid.price.toFixed(),
    bidSize: bid.quantity.toFixed(),
    askPrice: ask.price.toFixed(),
    askSize: ask.quantity.toFixed(),
    timestamp,
  };
}
