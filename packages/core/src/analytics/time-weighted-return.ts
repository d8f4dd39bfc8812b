/**
 * The account's own performance from its daily valuations: a time-weighted return, so that money put in
 * or taken out never reads as performance. Definition (GIPS standards 2020, Glossary, "time-weighted
 * return"; CFA Institute, "Calculating time-weighted returns"): the period is split at each valuation,
 * each sub-period's return excludes the external flows, and the sub-period returns are linked
 * geometrically, TWR = prod(1 + r_k) - 1.
 *
 * With a valuation at the end of each day and a flow counted at the start of the day it is effective
 * (a deposit can be traded with that day):
 *   r_k = (V_end - V_start - F) / (V_start + F)
 * where V_start is the previous valuation (0 before the first: the account opens that day) and F the net
 * flow (deposits less withdrawals) effective after the previous valuation and on or before this one, so
 * a flow on a day without a valuation joins the next sub-period. A sub-period with no capital at work
 * (V_start + F <= 0) has no defined return: it is NaN, listed in `undefinedDates`, and skipped by the
 * linking (it neither gains nor loses).
 *
 * Money enters as numbers, converted from Decimal at the caller's boundary: these are statistics.
 */

/** The account's value at the end of `date` (YYYY-MM-DD): holdings at their marks plus cash. */
export interface AccountValuation {
  date: string;
  value: number;
}

/** A net external flow (deposits positive, withdrawals negative) effective on `date`. */
export interface ExternalFlow {
  date: string;
  amount: number;
}

export interface TimeWeightedReturns {
  /** The valuation dates in the range, each ending one sub-period. */
  dates: string[];
  /** Value at the end of each date. */
  values: Float64Array;
  /** Net flow counted at the start of each sub-period. */
  flows: Float64Array;
  /** r_k of each sub-period; NaN where no capital was at work. */
  returns: Float64Array;
  /** prod(1 + r) - 1 through each date (undefined sub-periods count as no change). */
  cumulative: Float64Array;
  /** The linked return of the whole range; 0 when no sub-period has a return. */
  totalReturn: number;
  /** Sum of the flows of the range. */
  netFlows: number;
  /** Dates whose sub-period had no capital at work. */
  undefinedDates: string[];
}

/**
 * Time-weighted returns of the valuations dated within [from, to] (both optional), each sub-period
 * starting at the valuation before it (an earlier one outside the range included). `valuations` are in
 * ascending date order, one per date.
 */
export function timeWeightedReturns(
  valuations: readonly AccountValuation[],
  flows: readonly ExternalFlow[],
  range: { from?: string; to?: string } = {},
): TimeWeightedReturns {
  const from = range.from ?? "";
  const to = range.to ?? "\uffff";
  const first = valuations.findIndex((valuation) => valuation.date >= from);
  const inRange = first < 0 ? [] : valuations.slice(first).filter((valuation) => valuation.date <= to);
  const n = inRange.length;
  const values = new Float64Array(n);
  const periodFlows = new Float64Array(n);
  const returns = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const undefinedDates: string[] = [];
  const sortedFlows = [...flows].sort((a, b) => a.date.localeCompare(b.date));
  const before = first > 0 ? (valuations[first - 1] as AccountValuation) : { date: "", value: 0 };
  let startValue = before.value;
  // Flows on or before the valuation that opens the range belong to earlier sub-periods.
  let flowIndex = sortedFlows.findIndex((flow) => flow.date > before.date);
  if (flowIndex < 0) flowIndex = sortedFlows.length;
  let growth = 1;
  let netFlows = 0;
  for (let k = 0; k < n; k++) {
    const { date, value } = inRange[k] as AccountValuation;
    let flow = 0;
    while (flowIndex < sortedFlows.length && (sortedFlows[flowIndex] as ExternalFlow).date <= date) {
      flow += (sortedFlows[flowIndex] as ExternalFlow).amount;
      flowIndex++;
    }
    const base = startValue + flow;
    const r = base > 0 ? (value - startValue - flow) / base : Number.NaN;
    if (Number.isNaN(r)) undefinedDates.push(date);
    else growth *= 1 + r;
    values[k] = value;
    periodFlows[k] = flow;
    returns[k] = r;
    cumulative[k] = growth - 1;
    netFlows += flow;
    startValue = value;
  }
  return {
    dates: inRange.map((valuation) => valuation.date),
    values,
    flows: periodFlows,
    returns,
    cumulative,
    totalReturn: growth - 1,
    netFlows,
    undefinedDates,
  };
}
