/**
 * Simulated external venues for the smart order router (issue 4): exchanges (maker-taker or inverted),
 * ATSs, dark pools and market makers with fee schedules, latency, depth, fill probability and faults.
 */
export { sampleLatencyMs } from "./latency.js";
export type { LatencyDistribution } from "./latency.js";
export { VENUE_PROFILES, feeScheduleFor } from "./profiles.js";
export type { FeeModel, SimulatedVenueType, VenueProfile } from "./profiles.js";
export { NO_FAULTS, SimulatedVenue, createSimulatedVenue } from "./simulated-venue.js";
export type { FaultProfile, SimulatedVenueOptions } from "./simulated-venue.js";
export { createVenueSet } from "./venue-set.js";
export type { VenueSetOptions } from "./venue-set.js";
