import { Decimal, sumDecimals } from "../money.js";
import type { Side } from "../events/index.js";
import type { VenueCandidate } from "./candidates.js";
import { sideOf } from "./candidates.js";
import { allInPrice, takerFeeAt } from "./fees.js";
import type { VenueQuote, VenueType } from "./venue.js";

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
  allocations: SplitAllocation[];
  routedQuantity: Decimal;
  /** Sum over allocations of all-in price x quantity. */
  allInCost: Decimal;
}

/** A quoted level in the sweep; `rank` orders prices best-first across every venue (equal price, equal rank). */
interface SweepLevel {
  /** The venue to take it at; undefined for a protected quote at a venue the order may not use. */
  candidate: VenueCandidate | undefined;
  venueId: string;
  order: number;
  price: Decimal;
  fee: Decimal;
  allIn: Decimal;
  left: Decimal;
  rank: number;
  protected: boolean;
}

interface TakeableLevel extends SweepLevel {
  candidate: VenueCandidate;
}

const isTakeable = (level: SweepLevel): level is TakeableLevel => level.candidate !== undefined;

/**
 * Sweeps quoted depth cheapest all-in price first (price + taker fee - rebate, Rule 610(c)-capped fees),
 * using at most `maxVenues` venues, and never trading through a protected quotation (Reg NMS Rule 611):
 * before a level at price p is taken, every protected level at a better price is taken first, and if one
 * of those is at a venue the order may not use, or would exceed `maxVenues`, the level is skipped.
 * `onlyVenueId` restricts taking to one venue (the best-single-venue comparison) under the same rules.
 * Quantities are whole shares taken from whole-share levels, so allocations need no rounding; what the
 * depth cannot fill is left for the caller to report as unrouted.
 */
export function sweepDepth(
  side: Side,
  quantity: Decimal,
  candidates: readonly VenueCandidate[],
  protectedQuotes: readonly VenueQuote[],
  maxVenues: number,
  onlyVenueId?: string,
): SweepResult {
  const { takeable, protectedLevels } = buildLevels(side, candidates, protectedQuotes);
  const taken = new Map<TakeableLevel, Decimal>();
  const venues = new Set<string>();
  let remaining = quantity;
  const take = (level: TakeableLevel): void => {
    const amount = Decimal.min(remaining, level.left);
    level.left = level.left.minus(amount);
    taken.set(level, amount.plus(taken.get(level) ?? 0));
    venues.add(level.venueId);
    remaining = remaining.minus(amount);
  };
  for (const level of takeable) {
    if (remaining.isZero()) break;
    if ((onlyVenueId !== undefined && level.venueId !== onlyVenueId) || level.left.isZero()) continue;
    const forced: TakeableLevel[] = [];
    let blocked = false;
    for (const p of protectedLevels) {
      if (p.rank >= level.rank) break;
      if (p.left.isZero()) continue;
      if (isTakeable(p)) forced.push(p);
      else blocked = true;
    }
    const needed = new Set(venues).add(level.venueId);
    for (const p of forced) needed.add(p.venueId);
    if (blocked || needed.size > maxVenues) continue;
    for (const p of forced) if (!remaining.isZero()) take(p);
    if (!remaining.isZero()) take(level);
  }
  return summarize(taken, quantity.minus(remaining));
}

function buildLevels(
  side: Side,
  candidates: readonly VenueCandidate[],
  protectedQuotes: readonly VenueQuote[],
): { takeable: TakeableLevel[]; protectedLevels: SweepLevel[] } {
  const all: SweepLevel[] = [];
  const candidateIds = new Set<string>();
  candidates.forEach((candidate, order) => {
    candidateIds.add(candidate.venueId);
    for (const level of candidate.levels) {
      const fee = takerFeeAt(candidate.feeSchedule, level.price);
      all.push({
        candidate,
        venueId: candidate.venueId,
        order,
        price: level.price,
        fee,
        allIn: allInPrice(side, level.price, fee),
        left: level.quantity,
        rank: 0,
        protected: candidate.displayed,
      });
    }
  });
  for (const quote of protectedQuotes) {
    if (candidateIds.has(quote.venueId)) continue;
    for (const level of sideOf(quote, side)) {
      all.push({
        candidate: undefined,
        venueId: quote.venueId,
        order: all.length,
        price: level.price,
        fee: new Decimal(0),
        allIn: level.price,
        left: level.quantity,
        rank: 0,
        protected: true,
      });
    }
  }
  const byPrice = all.slice().sort((a, b) => compare(side, a.price, b.price));
  let rank = 0;
  byPrice.forEach((level, index) => {
    const previous = byPrice[index - 1];
    if (previous !== undefined && !previous.price.eq(level.price)) rank += 1;
    level.rank = rank;
  });
  const takeable = all
    .filter(isTakeable)
    .sort((a, b) => compare(side, a.allIn, b.allIn) || a.rank - b.rank || a.order - b.order);
  return { takeable, protectedLevels: byPrice.filter((l) => l.protected) };
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

function summarize(taken: Map<TakeableLevel, Decimal>, routedQuantity: Decimal): SweepResult {
  const byVenue = new Map<VenueCandidate, VenueTotals>();
  for (const [level, quantity] of taken) {
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
  const venues = [...byVenue.values()];
  const allocations = venues.map(({ candidate, quantity, notional, fees, allInCost, worst }) => ({
    venueId: candidate.venueId,
    venueType: candidate.venueType,
    quantity,
    averagePrice: notional.div(quantity),
    limitPrice: worst,
    feePerShare: fees.div(quantity),
    allInPrice: allInCost.div(quantity),
  }));
  return { allocations, routedQuantity, allInCost: sumDecimals(venues.map((v) => v.allInCost)) };
}
