import { Decimal } from "../money";
import type { Side } from "../events/index";
import type { FeeSchedule } from "./fees";

/** "internal" is our own matching engine; the others are external trading centers. */
export type VenueType = "internal" | "exchange" | "ats" | "dark_pool" | "market_maker";

export interface PriceLevel {
  price: Decimal;
  /** Whole shares. */
  quantity: Decimal;
}

/**
 * A venue's quote for one symbol, best level first on each side. `displayed` quotes of exchanges are
 * protected quotations (Reg NMS Rule 600(b)) and make up the NBBO; dark pools show nothing (empty sides)
 * and market makers quote only to their own clients, so neither sets the NBBO nor can be traded through.
 */
export interface VenueQuote {
  venueId: string;
  symbol: string;
  bids: PriceLevel[];
  asks: PriceLevel[];
  displayed: boolean;
  /** Epoch ms at which the venue produced the quote; older than the router's TTL means stale. */
  timestamp: number;
}

export interface VenueOrder {
  orderId: string;
  userId: string;
  symbol: string;
  side: Side;
  /** Whole shares. */
  quantity: Decimal;
  orderType: "limit" | "market";
  /** Limit price; null for a market order. */
  limitPrice: Decimal | null;
  timeInForce: "ioc" | "day";
}

export interface VenueFill {
  price: Decimal;
  quantity: Decimal;
  /** Per share, signed (negative = rebate). */
  feePerShare: Decimal;
  liquidity: "added" | "removed";
}

/** What a venue answers to an order: fills so far and what is still open there. */
export interface VenueExecutionReport {
  venueId: string;
  orderId: string;
  status: "rejected" | "filled" | "partially_filled" | "resting" | "cancelled";
  rejectReason?: string;
  fills: VenueFill[];
  filledQuantity: Decimal;
  openQuantity: Decimal;
  /** Volume-weighted fill price, null without fills. */
  averagePrice: Decimal | null;
  /** Total fees, signed (negative = net rebate). */
  fee: Decimal;
}

/** A venue's refusal of an order: nothing filled, nothing left open, no fee. */
export function rejectedReport(venueId: string, orderId: string, reason: string): VenueExecutionReport {
  const zero = new Decimal(0);
  return {
    venueId,
    orderId,
    status: "rejected",
    rejectReason: reason,
    fills: [],
    filledQuantity: zero,
    openQuantity: zero,
    averagePrice: null,
    fee: zero,
  };
}

export interface VenueCancelResult {
  venueId: string;
  orderId: string;
  cancelled: boolean;
  reason?: string;
}

/** The venue's own counters (what it received and did), as opposed to the router's view of it. */
export interface VenueActivity {
  ordersReceived: number;
  ordersFilled: number;
  ordersRejected: number;
  cancels: number;
  sharesExecuted: Decimal;
}

/**
 * The specification's venue interface. `feeSchedule` is our addition: the router needs each venue's fees
 * to compare all-in prices, and a real adapter (FIX) would load it from the venue's published schedule.
 */
export interface ExecutionVenue {
  readonly venueId: string;
  readonly venueType: VenueType;
  readonly feeSchedule: FeeSchedule;
  getQuote(symbol: string): Promise<VenueQuote | undefined>;
  submitOrder(order: VenueOrder): Promise<VenueExecutionReport>;
  cancelOrder(orderId: string): Promise<VenueCancelResult>;
  getStats(): VenueActivity;
}

/**
 * Injected timer: schedules a callback after `ms` of the caller's clock and returns a cancel function.
 * Production passes setTimeout; tests and the simulator pass fake or virtual time.
 */
export interface Timer {
  after(ms: number, callback: () => void): () => void;
}
