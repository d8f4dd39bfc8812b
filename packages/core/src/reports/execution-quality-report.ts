import type { Side } from "../events/index";
import { NeumaierSum } from "../analytics/stats";
import type { OrderType } from "./order-type";

/**
 * Rule 605(a)(2) order size categories by notional value at receipt (the OES data specification's
 * OrderSize codes): less than $250, $250-<$1,000, $1,000-<$5,000, $5,000-<$10,000, $10,000-<$20,000,
 * $20,000-<$50,000, $50,000-<$200,000 and $200,000 or more. Each bucket is named by its lower bound.
 */
export const SIZE_BUCKETS = [0, 250, 1_000, 5_000, 10_000, 20_000, 50_000, 200_000] as const;
export type SizeBucket = (typeof SIZE_BUCKETS)[number];

export function sizeBucketOf(notional: number): SizeBucket {
  let bucket: SizeBucket = 0;
  for (const lower of SIZE_BUCKETS) if (notional >= lower) bucket = lower;
  return bucket;
}

/**
 * One execution of a covered order with the market around it. Statistics, so plain floats (the figures
 * are averages rounded to six decimals, OES specification III(a)); the caller converts from Decimal.
 */
export interface CoveredExecution {
  orderId: string;
  venueId: string;
  orderType: OrderType;
  side: Side;
  orderShares: number;
  /** NBBO at the time of order receipt (Rule 600(b): the spreads are measured against it). */
  bid: number;
  ask: number;
  receivedAt: number;
  executedShares: number;
  executedPrice: number;
  executedAt: number;
  /** NBBO midpoints 15 seconds and 1 minute after the execution; null when no quote was known then. */
  midpointAfter15s: number | null;
  midpointAfter1m: number | null;
}

/** Rule 605 execution quality of one venue, order type and size bucket; share-weighted averages. */
export interface ExecutionQualityRow {
  venueId: string;
  orderType: OrderType;
  sizeBucket: SizeBucket;
  orders: number;
  /** Rule 605(a)(2)(i)-(ii): average order size in shares and in dollars (notional at the midpoint at receipt). */
  averageOrderShares: number;
  averageOrderNotional: number;
  executedShares: number;
  /** (iii) average NBBO midpoint at receipt. */
  averageMidpoint: number;
  /** (iv) share of executed shares at the quote or better (0-1). */
  atOrBetterShare: number;
  /** (v) share of executed shares that received price improvement (0-1). */
  priceImprovedShare: number;
  /** Rule 605(a)(1): average amount per share that prices were improved, over the improved shares. */
  averagePriceImprovement: number | null;
  /** Effective spread: 2 x |execution price - midpoint at receipt|, signed by side (Rule 600(b)). */
  averageEffectiveSpread: number;
  averageQuotedSpread: number;
  /** (vii), (viii): the same as fractions of the midpoint. */
  effectiveSpreadPct: number;
  quotedSpreadPct: number;
  /** (ix) average effective spread / average quoted spread; null for a zero (locked) quoted spread. */
  effectiveOverQuoted: number | null;
  /** (x), (xi): realized spread 15 s and 1 minute after execution, per share; null when no later quote. */
  averageRealizedSpread15s: number | null;
  averageRealizedSpread1m: number | null;
  /** (xii) share-weighted average time from receipt to execution, ms. */
  averageExecutionMs: number;
}

/** Rule 605(a)(2): the summary report covers market and marketable limit orders only. */
const COVERED: ReadonlySet<OrderType> = new Set(["market", "marketable_limit"]);

class Accumulator {
  /** Each order's shares and notional at receipt, once however many executions it had. */
  readonly orders = new Map<string, { shares: number; notional: number }>();
  readonly shares = new NeumaierSum();
  readonly midpoint = new NeumaierSum();
  readonly atOrBetter = new NeumaierSum();
  readonly improvedShares = new NeumaierSum();
  readonly improvement = new NeumaierSum();
  readonly effective = new NeumaierSum();
  readonly quoted = new NeumaierSum();
  readonly realized15s = new NeumaierSum();
  readonly shares15s = new NeumaierSum();
  readonly realized1m = new NeumaierSum();
  readonly shares1m = new NeumaierSum();
  readonly time = new NeumaierSum();
}

const ratioOrNull = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

/** Double the signed distance of the price from a midpoint: positive when the customer paid over it. */
function spreadAgainst(side: Side, price: number, midpoint: number): number {
  return side === "buy" ? 2 * (price - midpoint) : 2 * (midpoint - price);
}

function add(acc: Accumulator, e: CoveredExecution, midpoint: number): void {
  const shares = e.executedShares;
  acc.orders.set(e.orderId, { shares: e.orderShares, notional: e.orderShares * midpoint });
  acc.shares.add(shares);
  acc.midpoint.add(midpoint * shares);
  // Improvement per share against the far quote: below the offer for a buy, above the bid for a sell.
  const improvement = e.side === "buy" ? e.ask - e.executedPrice : e.executedPrice - e.bid;
  if (improvement >= 0) acc.atOrBetter.add(shares);
  if (improvement > 0) {
    acc.improvedShares.add(shares);
    acc.improvement.add(improvement * shares);
  }
  acc.effective.add(spreadAgainst(e.side, e.executedPrice, midpoint) * shares);
  acc.quoted.add((e.ask - e.bid) * shares);
  if (e.midpointAfter15s !== null) {
    acc.realized15s.add(spreadAgainst(e.side, e.executedPrice, e.midpointAfter15s) * shares);
    acc.shares15s.add(shares);
  }
  if (e.midpointAfter1m !== null) {
    acc.realized1m.add(spreadAgainst(e.side, e.executedPrice, e.midpointAfter1m) * shares);
    acc.shares1m.add(shares);
  }
  acc.time.add((e.executedAt - e.receivedAt) * shares);
}

function rowOf(
  venueId: string,
  orderType: OrderType,
  sizeBucket: SizeBucket,
  acc: Accumulator,
): ExecutionQualityRow {
  const shares = acc.shares.value;
  const averageMidpoint = acc.midpoint.value / shares;
  const averageEffectiveSpread = acc.effective.value / shares;
  const averageQuotedSpread = acc.quoted.value / shares;
  const orders = [...acc.orders.values()];
  return {
    venueId,
    orderType,
    sizeBucket,
    orders: orders.length,
    averageOrderShares: orders.reduce((sum, order) => sum + order.shares, 0) / orders.length,
    averageOrderNotional: orders.reduce((sum, order) => sum + order.notional, 0) / orders.length,
    executedShares: shares,
    averageMidpoint,
    atOrBetterShare: acc.atOrBetter.value / shares,
    priceImprovedShare: acc.improvedShares.value / shares,
    averagePriceImprovement: ratioOrNull(acc.improvement.value, acc.improvedShares.value),
    averageEffectiveSpread,
    averageQuotedSpread,
    effectiveSpreadPct: averageEffectiveSpread / averageMidpoint,
    quotedSpreadPct: averageQuotedSpread / averageMidpoint,
    effectiveOverQuoted: ratioOrNull(averageEffectiveSpread, averageQuotedSpread),
    averageRealizedSpread15s: ratioOrNull(acc.realized15s.value, acc.shares15s.value),
    averageRealizedSpread1m: ratioOrNull(acc.realized1m.value, acc.shares1m.value),
    averageExecutionMs: acc.time.value / shares,
  };
}

/**
 * Rule 605-style execution quality per venue, order type and size bucket. Only covered orders count:
 * market and marketable limit orders (Rule 605(a)(2)) executed against a two-sided NBBO at receipt, the
 * midpoint every spread is measured from. Rows come sorted by venue, order type, then size bucket.
 */
export function buildExecutionQuality(executions: Iterable<CoveredExecution>): ExecutionQualityRow[] {
  const groups = new Map<
    string,
    { venueId: string; orderType: OrderType; bucket: SizeBucket; acc: Accumulator }
  >();
  for (const e of executions) {
    if (!COVERED.has(e.orderType) || e.executedShares <= 0 || !(e.bid > 0 && e.ask > 0)) continue;
    const midpoint = (e.bid + e.ask) / 2;
    const bucket = sizeBucketOf(e.orderShares * midpoint);
    const key = `${e.venueId}\u0000${e.orderType}\u0000${bucket}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { venueId: e.venueId, orderType: e.orderType, bucket, acc: new Accumulator() };
      groups.set(key, group);
    }
    add(group.acc, e, midpoint);
  }
  return [...groups.values()]
    .map((group) => rowOf(group.venueId, group.orderType, group.bucket, group.acc))
    .sort(
      (a, b) =>
        a.venueId.localeCompare(b.venueId) ||
        a.orderType.localeCompare(b.orderType) ||
        a.sizeBucket - b.sizeBucket,
    );
}
