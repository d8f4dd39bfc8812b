/** `@nexus/services/routing`: routing orders in production (issue 12), for the API and the worker. */
export { ConfiguredVenue, feeScheduleOf } from "./configured-venue";
export { createPaperVenueGateway } from "./paper-venue-gateway";
export { QUOTE_CACHE_TTL_SECONDS, quoteCacheKey, readQuotes, storeQuote, toVenueQuote } from "./quote-cache";
export type { CachedQuote } from "./quote-cache";
export { cacheQuoteStore, databaseQuoteStore } from "./quote-store";
export type { QuoteStore } from "./quote-store";
export { darkLiquidityCurves, refreshVenuePerformance, utcDayOf } from "./venue-dashboard";
export type { VenueLiquidityCurve } from "./venue-dashboard";
export { parseRouteInput, routeInputSchema } from "./route-input";
export type { RouteInput } from "./route-input";
export { RoutingService } from "./routing-service";
export type {
  ExecuteResult,
  HaltedOrder,
  RouteResult,
  RoutingServiceOptions,
  RoutingStatistics,
  SplitResult,
} from "./routing-service";
export { RoutingServiceError } from "./routing-service-error";
export type { RoutingServiceProblem } from "./routing-service-error";
export {
  newVenueConfigurationSchema,
  toNewVenueConfiguration,
  toVenueConfigurationChange,
  venueConfigurationChangeSchema,
} from "./venue-configuration-change";
export type { NewVenueConfigurationInput, VenueConfigurationInput } from "./venue-configuration-change";
export type { GatewayVenue, VenueGateway } from "./venue-gateway";
export { toWire } from "./wire";
export type { Wire } from "./wire";
