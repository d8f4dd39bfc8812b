/**
 * Simulated external venues for the smart order router (issue 4): exchanges (maker-taker or inverted),
 * ATSs, dark pools and market makers with fee schedules, latency, depth, fill probability and faults.
 */
export { sampleLatencyMs } from "./latency";
export type { LatencyDistribution } from "./latency";
export { VENUE_PROFILES, feeScheduleFor } from "./profiles";
export type { FeeModel, SimulatedVenueType, VenueProfile } from "./profiles";
export { NO_FAULTS, SimulatedVenue, createSimulatedVenue } from "./simulated-venue";
export type { FaultProfile, SimulatedVenueOptions } from "./simulated-venue";
export { createVenueSet } from "./venue-set";
export type { VenueSetOptions } from "./venue-set";
