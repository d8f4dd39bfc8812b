import { Decimal, sumDecimals } from "../money";
import type { Side } from "../events/index";
import { percentOf } from "./percentages";

/** Where an execution priced within the NBBO: Rule 606(b)(3)(ii)(B)-(D). */
export type SpreadSide = "midpoint" | "nearside" | "farside";

/**
 * "Executed at the midpoint", "priced on the side of the spread more favorable to the order" (near side)
 * or "less favorable" (far side), measured against the NBBO the router saw on receipt; null without a
 * two-sided quote.
 */
export function spreadSideOf(
  side: Side,
  price: Decimal,
  bid: Decimal | null,
  ask: Decimal | null,
): SpreadSide | null {
  if (bid === null || ask === null) return null;
  const midpoint = bid.plus(ask).div(2);
  if (price.eq(midpoint)) return "midpoint";
  const belowMidpoint = price.lt(midpoint);
  return belowMidpoint === (side === "buy") ? "nearside" : "farside";
}

/** One child order of a customer's not-held order, as routed and executed. */
export interface NotHeldChildOrder {
  year: number;
  month: number;
  directed: boolean;
  venueName: string;
  mic: string | null;
  /** Executed by the broker itself as principal (its internal venue). */
  principal: boolean;
  routedShares: Decimal;
  /** Sent immediate-or-cancel. */
  immediateOrCancel: boolean;
  executedShares: Decimal;
  /** Number of fills (0 when nothing executed). */
  fills: number;
  /** Fees paid; negative is a rebate received. */
  feesPaid: Decimal;
  spreadSide: SpreadSide | null;
  /** Whether the child order rested and provided liquidity, or took it on arrival. */
  liquidity: "provided" | "removed";
  /** Time from entry to execution or cancellation, ms. */
  durationMs: number;
}

/** Shares the customer sent in one month, directed or not. */
export interface NotHeldOrdersSent {
  year: number;
  month: number;
  directed: boolean;
  shares: Decimal;
}

/** Rule 606(b)(3)(ii)-(iv) figures for one venue in one month. */
export interface HandlingVenueRow {
  venueName: string;
  mic: string | null;
  routedShares: Decimal;
  iocRoutedShares: Decimal;
  furtherRoutableShares: Decimal;
  averageOrderShares: Decimal;
  executedShares: Decimal;
  filledPct: Decimal | null;
  averageFillShares: Decimal | null;
  /** Net fee (negative) or rebate (positive) in cents per hundred executed shares. */
  netFeeOrRebateCph: Decimal | null;
  midpointShares: Decimal;
  midpointPct: Decimal | null;
  nearsideShares: Decimal;
  nearsidePct: Decimal | null;
  farsideShares: Decimal;
  farsidePct: Decimal | null;
  providedLiquidityShares: Decimal;
  providedLiquidityPct: Decimal | null;
  averageProvidingDurationMs: number | null;
  providedLiquidityNetCph: Decimal | null;
  removedLiquidityShares: Decimal;
  removedLiquidityPct: Decimal | null;
  removedLiquidityNetCph: Decimal | null;
}

export interface HandlingMonth {
  year: number;
  month: number;
  sentShares: Decimal;
  executedAsPrincipalShares: Decimal;
  /** Orders exposed through an actionable indication of interest: the product sends none. */
  ioiExposedOrders: number;
  venues: HandlingVenueRow[];
}

/**
 * Rule 606(b)(3) (17 CFR 242.606(b)(3)): on request, a report on the handling of a customer's not-held
 * orders for the prior six months, by calendar month, separately for directed and non-directed orders.
 */
export interface NotHeldReport {
  broker: string;
  customer: string;
  generatedAt: Date;
  from: Date;
  to: Date;
  directed: HandlingMonth[];
  nonDirected: HandlingMonth[];
}

const ZERO = new Decimal(0);
const shareSum = (children: readonly NotHeldChildOrder[], pick: (c: NotHeldChildOrder) => Decimal) =>
  sumDecimals(children.map(pick));

/** Fees paid over shares as cents per hundred shares, signed as the schema wants: rebate positive. */
function netCph(children: readonly NotHeldChildOrder[]): Decimal | null {
  const shares = shareSum(children, (c) => c.executedShares);
  if (shares.isZero()) return null;
  return shareSum(children, (c) => c.feesPaid)
    .neg()
    .div(shares)
    .times(10_000)
    .toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

function venueRow(children: readonly NotHeldChildOrder[]): HandlingVenueRow {
  const [first] = children as [NotHeldChildOrder];
  const routed = shareSum(children, (c) => c.routedShares);
  const executed = shareSum(children, (c) => c.executedShares);
  const fills = children.reduce((sum, c) => sum + c.fills, 0);
  const onSide = (side: SpreadSide) =>
    shareSum(
      children.filter((c) => c.spreadSide === side),
      (c) => c.executedShares,
    );
  const providing = children.filter((c) => c.liquidity === "provided");
  const removing = children.filter((c) => c.liquidity === "removed");
  const provided = shareSum(providing, (c) => c.executedShares);
  const removed = shareSum(removing, (c) => c.executedShares);
  const [midpoint, nearside, farside] = [onSide("midpoint"), onSide("nearside"), onSide("farside")];
  return {
    venueName: first.venueName,
    mic: first.mic,
    routedShares: routed,
    iocRoutedShares: shareSum(
      children.filter((c) => c.immediateOrCancel),
      (c) => c.routedShares,
    ),
    // Child orders go to a venue to execute there; none is sent marked for the venue to route on.
    furtherRoutableShares: ZERO,
    averageOrderShares: routed.div(children.length).toDecimalPlaces(3, Decimal.ROUND_HALF_UP),
    executedShares: executed,
    filledPct: percentOf(executed, routed),
    averageFillShares: fills === 0 ? null : executed.div(fills).toDecimalPlaces(3, Decimal.ROUND_HALF_UP),
    netFeeOrRebateCph: netCph(children),
    midpointShares: midpoint,
    midpointPct: percentOf(midpoint, executed),
    nearsideShares: nearside,
    nearsidePct: percentOf(nearside, executed),
    farsideShares: farside,
    farsidePct: percentOf(farside, executed),
    providedLiquidityShares: provided,
    providedLiquidityPct: percentOf(provided, executed),
    averageProvidingDurationMs:
      providing.length === 0
        ? null
        : Math.round(providing.reduce((sum, c) => sum + c.durationMs, 0) / providing.length),
    providedLiquidityNetCph: netCph(providing),
    removedLiquidityShares: removed,
    removedLiquidityPct: percentOf(removed, executed),
    removedLiquidityNetCph: netCph(removing),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return [...groups.values()];
}

const monthKey = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, "0")}`;

function monthsOf(
  children: readonly NotHeldChildOrder[],
  sent: readonly NotHeldOrdersSent[],
): HandlingMonth[] {
  const keys = [...new Set([...children, ...sent].map(monthKey))].sort();
  return keys.map((key) => {
    const [year, month] = key.split("-").map(Number) as [number, number];
    const inMonth = children.filter((c) => monthKey(c) === key);
    return {
      year,
      month,
      sentShares: sumDecimals(sent.filter((s) => monthKey(s) === key).map((s) => s.shares)),
      executedAsPrincipalShares: shareSum(
        inMonth.filter((c) => c.principal),
        (c) => c.executedShares,
      ),
      ioiExposedOrders: 0,
      venues: groupBy(
        inMonth.filter((c) => !c.principal),
        (c) => `${c.venueName}\u0000${c.mic ?? ""}`,
      )
        .map(venueRow)
        .sort((a, b) => b.routedShares.comparedTo(a.routedShares) || a.venueName.localeCompare(b.venueName)),
    };
  });
}

/** Builds the (b)(3) report of one customer's not-held orders over a period. */
export function buildNotHeldReport(input: {
  broker: string;
  customer: string;
  generatedAt: Date;
  from: Date;
  to: Date;
  children: readonly NotHeldChildOrder[];
  sent: readonly NotHeldOrdersSent[];
}): NotHeldReport {
  const part = (directed: boolean) =>
    monthsOf(
      input.children.filter((c) => c.directed === directed),
      input.sent.filter((s) => s.directed === directed),
    );
  const { broker, customer, generatedAt, from, to } = input;
  return { broker, customer, generatedAt, from, to, directed: part(true), nonDirected: part(false) };
}
