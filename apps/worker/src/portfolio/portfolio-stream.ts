/**
 * The worker's portfolio WebSocket (http/portfolio-socket.ts) wired to its data: the positions channel
 * (LISTEN POSITIONS_CHANNEL: every worker replica hears every commit, whichever applied the trade),
 * PortfolioAnalytics over the worker's cache (Redis when set, so figures computed here serve the web
 * app too and a trade drops them for both), one risk thread, and the market data as the web app reads it.
 */
import type { DbHandle } from "@nexus/db/client";
import { POSITIONS_CHANNEL } from "@nexus/db/queries/portfolio";
import type { Cache } from "@nexus/platform/cache";
import type { Logger } from "@nexus/platform/logger";
import { RiskThreadPool, createMarketHistory, createPortfolioAnalytics } from "@nexus/services/portfolio";
import { createPortfolioSocket } from "../http/portfolio-socket.js";
import type { PortfolioSocket } from "../http/portfolio-socket.js";
import { socketAuthenticator } from "../http/socket-caller.js";
import { portfolioMetrics } from "./portfolio-metrics.js";

export interface PortfolioStreamOptions {
  database: DbHandle;
  cache: Cache;
  logger: Logger;
  marketDataUrl: string | undefined;
}

export function startPortfolioStream(options: PortfolioStreamOptions): PortfolioSocket {
  const { database, logger } = options;
  const clock = () => new Date();
  const pool = new RiskThreadPool({ size: 1 });
  const analytics = createPortfolioAnalytics({
    db: database.db,
    cache: options.cache,
    pool,
    market: createMarketHistory(database.db, { marketDataUrl: options.marketDataUrl, logger }),
    clock,
  });
  const socket = createPortfolioSocket({
    authenticate: socketAuthenticator(database.db, clock),
    metrics: (userId) => portfolioMetrics(analytics, userId, clock),
    onPositionsChanged: async (listener) => (await database.sql.listen(POSITIONS_CHANNEL, listener)).unlisten,
    logger,
  });
  return {
    ...socket,
    async close() {
      await socket.close();
      await pool.close();
    },
  };
}
