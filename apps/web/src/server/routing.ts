import "server-only";
import { createEventBus } from "@nexus/platform/bus";
import { createCache } from "@nexus/platform/cache";
import { RoutingService, createPaperVenueGateway } from "@nexus/services/routing";
import { webEnv } from "../env";
import { getDb } from "./db";
import { serverLog } from "./logger";

/**
 * One routing service per server process (its router keeps venue statistics and breakers), on globalThis
 * like the database pool. It reads the venue quotes the worker caches (Redis with REDIS_URL; without it the
 * cache is this process's own and holds no quotes, so orders are refused for want of a quote) and
 * publishes decisions on Kafka with KAFKA_BROKERS. Child orders go to the paper gateway, which fills
 * against the cached quotes: no venue order-entry session exists yet.
 */
const cache = globalThis as typeof globalThis & { nexusWebRouting?: RoutingService };

export function getRoutingService(): RoutingService {
  if (cache.nexusWebRouting === undefined) {
    const env = webEnv();
    const logger = serverLog();
    const quotes = createCache({ url: env.REDIS_URL, logger });
    cache.nexusWebRouting = new RoutingService({
      db: getDb(),
      bus: createEventBus({ brokers: env.KAFKA_BROKERS, clientId: "nexus-web", logger }),
      cache: quotes,
      gateway: createPaperVenueGateway(quotes),
    });
  }
  return cache.nexusWebRouting;
}
