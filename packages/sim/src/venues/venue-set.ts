import type { AccessFeeCap, Timer } from "@nexus/core/routing";
import {
  createSimulatedVenue,
  type FaultProfile,
  type SimulatedVenue,
  type SimulatedVenueOptions,
} from "./simulated-venue";

export interface VenueSetOptions {
  seed: number;
  now: () => number;
  timer: Timer;
  /** The Rule 610(c) cap in force (default: the 2005 $0.003). */
  accessFeeCap?: AccessFeeCap;
  /** Faults for every venue (default none). */
  faults?: FaultProfile;
  /** Faults of one venue by id, in place of `faults` (a venue with scheduled outages, say). */
  faultsByVenue?: Readonly<Record<string, FaultProfile>>;
}

/**
 * A typical US equities venue line-up for demos and tests: two maker-taker exchanges, an inverted
 * exchange, an ATS, a dark pool and a wholesale market maker, each on its own seeded stream.
 */
export function createVenueSet(options: VenueSetOptions): SimulatedVenue[] {
  const { seed, faultsByVenue, ...shared } = options;
  const venue = (options: Omit<SimulatedVenueOptions, keyof typeof shared>) =>
    createSimulatedVenue({
      ...shared,
      faults: faultsByVenue?.[options.venueId] ?? shared.faults,
      ...options,
    });
  return [
    venue({ venueId: "XNYS", venueType: "exchange", seed: seed + 1 }),
    venue({ venueId: "XNAS", venueType: "exchange", seed: seed + 2 }),
    venue({ venueId: "BATY", venueType: "exchange", feeModel: "inverted", seed: seed + 3 }),
    venue({ venueId: "ATS1", venueType: "ats", seed: seed + 4 }),
    venue({ venueId: "DARK1", venueType: "dark_pool", seed: seed + 5 }),
    venue({ venueId: "WHSL1", venueType: "market_maker", seed: seed + 6 }),
  ];
}
