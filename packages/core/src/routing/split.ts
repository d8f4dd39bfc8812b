import { Decimal } from "../money";
import type { Side } from "../events/index";
import type { VenueCandidate } from "./candidates";
import { sideOf } from "./candidates";
import { allInPrice, takerFeeFunction } from "./fees";
import type { VenueQuote, VenueType } from "./venue";

/** One child order of a split: whole shares at one venue, priced from the levels it is expected to take. */
export interface SplitAllocation {
  venueId: string;
  venueType: VenueType;
  quantity: Decimal;
  /** Volume-weighted price of the levels taken. */
  averagePrice: Decimal;
  /** Worst level price taken: the child order's limit, so it cannot walk further than planned. */
  limitPrice: Decimal;
  feePerShare: Decimal;
  allInPrice: Decimal;
}

export interface SweepResult {
  /** Shares taken per level, in taking order (allocationsOf turns them into child orders). */
  taken: ReadonlyMap<TakeableLevel, number>;
  routedQuantity: Decimal;
  /** Sum over allocations of all-in price x quantity. */
  allInCost: Decimal;
}

/** A quoted level in the sweep; `rank` orders prices best-first across every venue (equal price, equal rank). */
export interface SweepLevel {
  /** The venue to take it at; undefined for a protected quote at a venue the order may not use. */
  candidate: VenueCandidate | undefined;
  venueId: string;
  order: number;
  price: Decimal;
  fee: Decimal;
  allIn: Decimal;
  /** Float copies of price and allIn, sort keys only (see buildLadder). */
  priceKey: number;
  allInKey: number;
  /**
   * Quoted whole shares as a JS integer: exact below 2^53, and the sweep's inner loop then does integer
   * arithmetic instead of Decimal (5x faster over 10 venues); Decimal comes back in allocationsOf().
   */
  shares: number;
  rank: number;
  protected: boolean;
}

export interface TakeableLevel extends SweepLevel {
  candidate: VenueCandidate;
}

const isTakeable = (level: SweepLevel): level is TakeableLevel => level.candidate !== undefined;

/** Every quoted level of one order's side, priced and ranked once, then swept as often as needed. */
export interface DepthLadder {
  takeable: TakeableLevel[];
  /** The takeable levels of each venue, in the same order: what a single-venue sweep walks. */
  takeableByVenue: Map<string, TakeableLevel[]>;
  /** A venue's total takeable shares (0 for a venue without quoted depth). */
  sharesOf(venueId: string): number;
  protectedLevels: SweepLevel[];
}

/**
 * Sweeps the ladder cheapest all-in price first using at most `maxVenues` venues, never trading through
 * a protected quotation (Reg NMS Rule 611): before a level at price p is taken, every protected level at
 * a better price is taken first, and if one of those is at a venue the order may not use, or would
 * exceed `maxVenues`, the level is skipped. `onlyVenueId` restricts taking to one venue (the
 * best-single-venue comparison) under the same rules. Quantities are whole shares taken from whole-share
 * levels, so allocations need no rounding; what the depth cannot fill is left for the caller to report.
 */
export function sweepLadder(
  ladder: DepthLadder,
  quantity: Decimal,
  maxVenues: number,
  onlyVenueId?: string,
): SweepResult {
  const { protectedLevels } = ladder;
  const takeable =
    onlyVenueId === undefined ? ladder.takeable : (ladder.takeableByVenue.get(onlyVenueId) ?? []);
  const left = new Map<SweepLevel, number>();
  const leftOf = (level: SweepLevel): number => left.get(level) ?? level.shares;
  const taken = new Map<TakeableLevel, number>();
  const venues = new Set<string>();
  let remaining = quantity.toNumber();
  const take = (level: TakeableLevel): void => {
    const shares = Math.min(remaining, leftOf(level));
    left.set(level, leftOf(level) - shares);
    taken.set(level, shares + (taken.get(level) ?? 0));
    venues.add(level.venueId);
    remaining -= shares;
  };
  for (const level of takeable) {
    if (remaining === 0) break;
    if (leftOf(level) === 0) continue;
    const forced: TakeableLevel[] = [];
    let blocked = false;
    for (const p of protectedLevels) {
      if (p.rank >= level.rank) break;
      if (leftOf(p) === 0) continue;
      if (isTakeable(p)) forced.push(p);
      else blocked = true;
    }
    if (blocked) continue;
    // Counting the venues exactly needs a set; the cheap upper bound settles the common case.
    if (venues.size + 1 + forced.length > maxVenues && venuesNeeded(venues, level, forced) > maxVenues)
      continue;
    for (const p of forced) if (remaining > 0) take(p);
    if (remaining > 0) take(level);
  }
  let allInCost = new Decimal(0);
  for (const [level, shares] of taken) allInCost = allInCost.plus(level.allIn.times(shares));
  return { taken, routedQuantity: quantity.minus(remaining), allInCost };
}

function venuesNeeded(venues: ReadonlySet<string>, level: SweepLevel, forced: readonly SweepLevel[]): number {
  const needed = new Set(venues).add(level.venueId);
  for (const p of forced) needed.add(p.venueId);
  return needed.size;
}

/**
 * Prices every level once: Rule 610(c)-capped taker fee, all-in price (price + fee - rebate), and a
 * best-first price rank across venues. Protected quotes of venues that are not candidates are kept as
 * blockers: they cannot be taken, but nothing may trade through them.
 */
export function buildLadder(
  side: Side,
  candidates: readonly VenueCandidate[],
  protectedQuotes: readonly VenueQuote[],
): DepthLadder {
  const all: SweepLevel[] = [];
  const candidateIds = new Set<string>();
  candidates.forEach((candidate, order) => {
    candidateIds.add(candidate.venueId);
    const feeAt = takerFeeFunction(candidate.feeSchedule);
    for (const level of candidate.levels) {
      const fee = feeAt(level.price);
      const allIn = allInPrice(side, level.price, fee);
      all.push({
        priceKey: level.price.toNumber(),
        allInKey: allIn.toNumber(),
        shares: level.quantity.toNumber(),
        candidate,
        venueId: candidate.venueId,
        order,
        price: level.price,
        fee,
        allIn,
        rank: 0,
        protected: candidate.quote.displayed,
      });
    }
  });
  for (const quote of protectedQuotes) {
    if (candidateIds.has(quote.venueId)) continue;
    for (const level of sideOf(quote, side)) {
      all.push({
        priceKey: level.price.toNumber(),
        allInKey: level.price.toNumber(),
        shares: level.quantity.toNumber(),
        candidate: undefined,
        venueId: quote.venueId,
        order: all.length,
        price: level.price,
        fee: new Decimal(0),
        allIn: level.price,
        rank: 0,
        protected: true,
      });
    }
  }
  // Sorting on float keys, with Decimal settling equal keys, is exact: Number() rounding is monotone,
  // so different keys are always in Decimal order; it saves most Decimal comparisons.
  const direction = side === "buy" ? 1 : -1;
  const byPrice = all
    .slice()
    .sort((a, b) => direction * (a.priceKey - b.priceKey) || compare(side, a.price, b.price));
  let rank = 0;
  byPrice.forEach((level, index) => {
    const previous = byPrice[index - 1];
    if (previous !== undefined && !previous.price.eq(level.price)) rank += 1;
    level.rank = rank;
  });
  const takeable = all
    .filter(isTakeable)
    .sort(
      (a, b) =>
        direction * (a.allInKey - b.allInKey) ||
        compare(side, a.allIn, b.allIn) ||
        a.rank - b.rank ||
        a.order - b.order,
    );
  const takeableByVenue = new Map<string, TakeableLevel[]>();
  for (const level of takeable) {
    const levels = takeableByVenue.get(level.venueId) ?? [];
    levels.push(level);
    takeableByVenue.set(level.venueId, levels);
  }
  const shares = new Map<string, number>();
  for (const level of takeable) shares.set(level.venueId, (shares.get(level.venueId) ?? 0) + level.shares);
  return {
    takeable,
    takeableByVenue,
    sharesOf: (venueId) => shares.get(venueId) ?? 0,
    protectedLevels: byPrice.filter((l) => l.protected),
  };
}

/** Comparator: negative when `a` is the better price for this side. */
function compare(side: Side, a: Decimal, b: Decimal): number {
  return side === "buy" ? a.cmp(b) : b.cmp(a);
}

interface VenueTotals {
  candidate: VenueCandidate;
  quantity: Decimal;
  notional: Decimal;
  fees: Decimal;
  allInCost: Decimal;
  worst: Decimal;
}

/** The child orders of a sweep, one per venue: only the chosen sweep pays for these divisions. */
export function allocationsOf(result: SweepResult): SplitAllocation[] {
  const byVenue = new Map<VenueCandidate, VenueTotals>();
  for (const [level, shares] of result.taken) {
    const quantity = new Decimal(shares);
    const totals = byVenue.get(level.candidate) ?? {
      candidate: level.candidate,
      quantity: new Decimal(0),
      notional: new Decimal(0),
      fees: new Decimal(0),
      allInCost: new Decimal(0),
      worst: level.price,
    };
    totals.quantity = totals.quantity.plus(quantity);
    totals.notional = totals.notional.plus(quantity.times(level.price));
    totals.fees = totals.fees.plus(quantity.times(level.fee));
    totals.allInCost = totals.allInCost.plus(quantity.times(level.allIn));
    // A venue's levels are taken in its own price order (same fee function, so all-in order = price order).
    totals.worst = level.price;
    byVenue.set(level.candidate, totals);
  }
  return [...byVenue.values()].map(({ candidate, quantity, notional, fees, allInCost, worst }) => ({
    venueId: candidate.venueId,
    venueType: candidate.venueType,
    quantity,
    averagePrice: notional.div(quantity),
    limitPrice: worst,
    feePerShare: fees.div(quantity),
    allInPrice: allInCost.div(quantity),
  }));
}
