import "server-only";
import { createRateLimiter } from "@nexus/platform/rate-limit";
import type { RateLimiter } from "@nexus/platform/rate-limit";
import { webEnv } from "../env";
import { serverLog } from "./logger";

/**
 * One rate limiter per server process: Redis when REDIS_URL is set (so every web replica shares the
 * counts), else in this process. Kept on globalThis like the database pool: route handlers may be
 * evaluated more than once (dev reloads, separate route bundles), and an in-memory limiter that was
 * built twice would count each attempt in only one of them.
 */
const cache = globalThis as typeof globalThis & { nexusWebRateLimiter?: RateLimiter };

export function getRateLimiter(): RateLimiter {
  cache.nexusWebRateLimiter ??= createRateLimiter({
    url: webEnv().REDIS_URL,
    keyPrefix: "nexus:rate-limit:",
    logger: serverLog(),
  });
  return cache.nexusWebRateLimiter;
}
