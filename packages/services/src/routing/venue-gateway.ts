import type {
  FeeSchedule,
  VenueCancelResult,
  VenueExecutionReport,
  VenueOrder,
  VenueType,
} from "@nexus/core/routing";

/** What a gateway needs to know of the venue it sends to. */
export interface GatewayVenue {
  venueId: string;
  venueType: VenueType;
  feeSchedule: FeeSchedule;
}

/**
 * The connection to the trading centers: where the router's child orders go. Production plugs in the
 * venues' order-entry sessions (FIX); the paper gateway (paper-venue-gateway.ts) fills against the cached
 * quotes for the embedded demo and the benchmarks. A gateway that does not answer is the venue's outage
 * to the router: it times out, opens the breaker and fails over.
 */
export interface VenueGateway {
  submitOrder(venue: GatewayVenue, order: VenueOrder): Promise<VenueExecutionReport>;
  cancelOrder(venue: GatewayVenue, orderId: string): Promise<VenueCancelResult>;
}
