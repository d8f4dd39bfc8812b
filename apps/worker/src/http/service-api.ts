/**
 * The worker's service API (SERVICE_API_PORT): the tRPC router for other services on a node:http server of
 * its own (@nexus/api/service-api), built on the worker's database, bus and cache. Its routing service is
 * built as the web server's is (apps/web/src/server/routing.ts): halts held in memory and re-read on
 * trading_halts' NOTIFY, child orders to the paper gateway filling against the stored quotes. The quotes
 * are read from the worker's own cache, where its quote consumer writes them: Redis with REDIS_URL, else
 * this process's memory. Its portfolio analytics are the web server's too: figures in that cache (which
 * the worker's position keeper clears when a trade changes a book), the engine in a pool of threads.
 */
import type { DbHandle } from "@nexus/db/client";
import { listenPort } from "@nexus/db/queries/listen-port";
import type { EventBus } from "@nexus/platform/bus";
import type { Cache } from "@nexus/platform/cache";
import { createOrdersClient } from "@nexus/platform/http/orders";
import type { Logger } from "@nexus/platform/logger";
import { createRateLimiter } from "@nexus/platform/rate-limit";
import { RiskThreadPool, createMarketHistory, createPortfolioAnalytics } from "@nexus/services/portfolio";
import { RoutingService, cacheQuoteStore, createPaperVenueGateway } from "@nexus/services/routing";
import { startServiceApiServer, type ServiceApiServer } from "@nexus/api/service-api";
import type { WorkerEnv } from "../env.js";

export interface ServiceApiOptions {
  port: number;
  env: Pick<WorkerEnv, "REDIS_URL" | "TRUSTED_PROXY_COUNT" | "ORDERS_SERVICE_URL" | "MARKET_DATA_URL">;
  database: Pick<DbHandle, "db" | "sql">;
  bus: EventBus;
  /** The worker's cache: the venue quotes and the trading profiles its consumers keep. */
  cache: Cache;
  logger: Logger;
}

export async function startServiceApi(options: ServiceApiOptions): Promise<ServiceApiServer> {
  const { env, database, cache, logger } = options;
  const quotes = cacheQuoteStore(cache);
  const routing = new RoutingService({
    db: database.db,
    bus: options.bus,
    logger,
    cache,
    quoteStore: quotes,
    observer: "service-api",
    listen: listenPort(database.sql),
    gateway: createPaperVenueGateway(quotes),
  });
  const risk = new RiskThreadPool();
  const portfolio = createPortfolioAnalytics({
    db: database.db,
    cache,
    pool: risk,
    market: createMarketHistory(database.db, { marketDataUrl: env.MARKET_DATA_URL, logger }),
    clock: () => new Date(),
  });
  // Under the web app's prefix: with Redis, sign-in attempts count the same on either surface.
  const rateLimiter = createRateLimiter({ url: env.REDIS_URL, keyPrefix: "nexus:rate-limit:", logger });
  const server = await startServiceApiServer({
    port: options.port,
    logger,
    deps: {
      db: database.db,
      rateLimiter,
      trustedProxyCount: env.TRUSTED_PROXY_COUNT,
      routing,
      portfolio,
      orders:
        env.ORDERS_SERVICE_URL === undefined
          ? undefined
          : createOrdersClient({ baseUrl: env.ORDERS_SERVICE_URL }),
      // The worker's profile invalidator drops profiles from this same cache.
      profileCache: cache,
    },
  }).catch(async (error: unknown) => {
    await Promise.all([routing.close(), rateLimiter.close(), risk.close()]);
    throw error;
  });
  return {
    port: server.port,
    async close() {
      await server.close();
      await Promise.all([routing.close(), rateLimiter.close(), risk.close()]);
    },
  };
}
