import type { AccessFeeCap, Timer } from "@nexus/core/routing";
import { createSimulatedVenue, type FaultProfile, type SimulatedVenue } from "./simulated-venue";

export interface VenueSetOptions {
  seed: number;
  now: () => number;
  timer: Timer;
  /** The Rule 610(c) cap in force (default: the 2005 $0.003). */
  accessFeeCap?: AccessFeeCap;
  /** Faults for every venue (default none). */
  faults?: FaultProfile;
}

/**
 * A typical US equities venue line-up for demos and tests: two maker-taker exchanges, an inverted
 * exchange, an ATS, a dark pool and a wholesale market maker, each on its own seeded stream.
 */
export function createVenueSet(options: VenueSetOptions): SimulatedVenue[] {
  const { seed, ...shared } = options;
  return [
    createSimulatedVenue({ ...shared, venueId: "XNYS", venueType: "exchange", seed: seed + 1 }),
    createSimulatedVenue({ ...shared, venueId: "XNAS", venueType: "exchange", seed: seed + 2 }),
    createSimulatedVenue({
      ...shared,
      venueId: "BATY",
      venueType: "exchange",
      feeModel: "inverted",
      seed: seed + 3,
    }),
    createSimulatedVenue({ ...shared, venueId: "ATS1", venueType: "ats", seed: seed + 4 }),
    createSimulatedVenue({ ...shared, venueId: "DARK1", venueType: "dark_pool", seed: seed + 5 }),
    createSimulatedVenue({ ...shared, venueId: "WHSL1", venueType: "market_maker", seed: seed + 6 }),
  ];
}
