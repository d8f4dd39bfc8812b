import "server-only";
import path from "node:path";
import { createCache } from "@nexus/platform/cache";
import { RiskThreadPool, createMarketHistory, createPortfolioAnalytics } from "@nexus/services/portfolio";
import type { PortfolioAnalytics } from "@nexus/services/portfolio";
import { webEnv } from "../env";
import { getDb } from "./db";
import { serverLog } from "./logger";

/**
 * The portfolio analytics of this server process: figures cached in Redis when REDIS_URL is set (shared
 * by every web replica, and dropped by the worker when a trade changes a book), the engine in a pool of
 * worker threads. Kept on globalThis like the database pool (one pool of threads per process, not one
 * per route bundle or dev reload).
 *
 * The thread runs the TypeScript source of @nexus/services through tsx: the bundle cannot hold a
 * worker's module, so its path is given from the app's directory (`next start` runs in apps/web, here and
 * in the Docker image).
 */
const held = globalThis as typeof globalThis & { nexusWebPortfolio?: PortfolioAnalytics };

export function getPortfolioAnalytics(): PortfolioAnalytics {
  held.nexusWebPortfolio ??= createPortfolioAnalytics({
    db: getDb(),
    cache: createCache({ url: webEnv().REDIS_URL, logger: serverLog() }),
    pool: new RiskThreadPool({
      threadFile: path.resolve(process.cwd(), "../../packages/services/src/portfolio/risk-thread.ts"),
    }),
    market: createMarketHistory(getDb(), { marketDataUrl: webEnv().MARKET_DATA_URL, logger: serverLog() }),
    clock: () => new Date(),
  });
  return held.nexusWebPortfolio;
}
