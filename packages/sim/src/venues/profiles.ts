import {
  ACCESS_FEE_CAP_2005,
  type AccessFeeCap,
  type FeeSchedule,
  type VenueType,
} from "@nexus/core/routing";
import { Decimal } from "@nexus/core/money";
import type { LatencyDistribution } from "./latency";

export type SimulatedVenueType = Exclude<VenueType, "internal">;
export type FeeModel = FeeSchedule["model"];

/** How a simulated venue behaves unless told otherwise. */
export interface VenueProfile {
  feeModel: FeeModel;
  latency: LatencyDistribution;
  /** Whether its quotes are displayed (protected) quotations. */
  displayed: boolean;
  /** Chance an order finds the quoted liquidity still there (quotes fade). For dark pools: finds a match. */
  fillProbability: number;
  /** Book: levels per side, half-spread and level spacing in ticks, shares per level (round lots). */
  levels: number;
  halfSpreadTicks: number;
  minLevelShares: number;
  maxLevelShares: number;
  /** Market makers quote inside the spread by this many ticks (price improvement). */
  improvementTicks: number;
}

/**
 * Typical figures: exchanges sub-millisecond with deep displayed books; an ATS undisplayed and a little
 * slower; dark pools match at the midpoint only sometimes; wholesale market makers (the Rule 605 "market
 * centers" retail flow goes to) fill almost always, with a fraction of a tick of improvement.
 */
export const VENUE_PROFILES: Record<SimulatedVenueType, VenueProfile> = {
  exchange: {
    feeModel: "maker_taker",
    latency: { medianMs: 0.6, sigma: 0.5 },
    displayed: true,
    fillProbability: 0.95,
    levels: 5,
    halfSpreadTicks: 1,
    minLevelShares: 100,
    maxLevelShares: 1_500,
    improvementTicks: 0,
  },
  ats: {
    feeModel: "flat",
    latency: { medianMs: 1.5, sigma: 0.6 },
    displayed: false,
    fillProbability: 0.8,
    levels: 3,
    halfSpreadTicks: 1,
    minLevelShares: 100,
    maxLevelShares: 800,
    improvementTicks: 0,
  },
  dark_pool: {
    feeModel: "flat",
    latency: { medianMs: 2, sigma: 0.7 },
    displayed: false,
    fillProbability: 0.35,
    levels: 0,
    halfSpreadTicks: 1,
    minLevelShares: 100,
    maxLevelShares: 5_000,
    improvementTicks: 0,
  },
  market_maker: {
    feeModel: "flat",
    latency: { medianMs: 3, sigma: 0.4 },
    displayed: false,
    fillProbability: 0.98,
    levels: 1,
    halfSpreadTicks: 1,
    minLevelShares: 200,
    maxLevelShares: 1_000,
    improvementTicks: 0.1,
  },
};

/**
 * Per-share fees by model. Maker-taker: $0.0030 to take (the 2005 cap; the Rule 610(c) cap in force
 * trims it), $0.0020 rebate to make. Inverted (taker-maker): $0.0005 rebate to take, $0.0010 to make.
 * Flat (ATS, dark pool, wholesaler): $0.0010 both ways for ATSs and dark pools, none for wholesalers.
 */
export function feeScheduleFor(
  type: SimulatedVenueType,
  model: FeeModel,
  accessFeeCap: AccessFeeCap = ACCESS_FEE_CAP_2005,
): FeeSchedule {
  const perShare = (taker: string, maker: string): FeeSchedule => ({
    model,
    takerFeePerShare: new Decimal(taker),
    makerFeePerShare: new Decimal(maker),
    accessFeeCap,
  });
  if (model === "maker_taker") return perShare("0.003", "-0.002");
  if (model === "inverted") return perShare("-0.0005", "0.001");
  return type === "market_maker" ? perShare("0", "0") : perShare("0.001", "0.001");
}
