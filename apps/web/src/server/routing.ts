import "server-only";
import { listenPort } from "@nexus/db/queries/listen-port";
import { createEventBus } from "@nexus/platform/bus";
import { createCache } from "@nexus/platform/cache";
import {
  RoutingService,
  cacheQuoteStore,
  createPaperVenueGateway,
  databaseQuoteStore,
} from "@nexus/services/routing";
import { webEnv } from "../env";
import { getDb, getSql } from "./db";
import { serverLog } from "./logger";

/**
 * One routing service per server process (its router keeps venue statistics and breakers), on globalThis
 * like the database pool. It reads the venue quotes the worker publishes: from Redis with REDIS_URL, and
 * on the embedded default (no Redis) from the database both processes share (venue_quotes). It publishes
 * decisions on Kafka with KAFKA_BROKERS. Child orders sent from here go to the paper gateway, which fills
 * against those quotes: the web server holds no venue session and no book (the worker's routed flow
 * trades with the simulated venues and the matching engine).
 */
const cache = globalThis as typeof globalThis & { nexusWebRouting?: RoutingService };

export function getRoutingService(): RoutingService {
  if (cache.nexusWebRouting === undefined) {
    const env = webEnv();
    const logger = serverLog();
    const db = getDb();
    const shared = createCache({ url: env.REDIS_URL, logger });
    const quotes = env.REDIS_URL === undefined ? databaseQuoteStore(db) : cacheQuoteStore(shared);
    cache.nexusWebRouting = new RoutingService({
      db,
      bus: createEventBus({ brokers: env.KAFKA_BROKERS, clientId: "nexus-web", logger }),
      logger,
      cache: shared,
      quoteStore: quotes,
      // Quotes shared through the database arrive a write and a read later than through Redis; still under 1 s.
      ...(env.REDIS_URL === undefined ? { quoteTtlMs: 900 } : {}),
      observer: "web",
      // Halts held in memory, read again on trading_halts' NOTIFY: no halt query per turn of requests.
      listen: listenPort(getSql()),
      gateway: createPaperVenueGateway(quotes),
    });
  }
  return cache.nexusWebRouting;
}
