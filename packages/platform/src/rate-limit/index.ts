import type { Logger } from "pino";
import { MemoryRateLimiter } from "./memory";
import { RedisRateLimiter } from "./redis";
import type { RateLimiter } from "./types";

export type { RateLimitDecision, RateLimitRule, RateLimiter } from "./types";
export { MemoryRateLimiter, type MemoryRateLimiterOptions } from "./memory";
export { RedisRateLimiter, type RedisRateLimiterOptions } from "./redis";

export interface CreateRateLimiterOptions {
  /** `redis://` URL (env REDIS_URL); without one the counts live in this process (embedded default). */
  url?: string;
  keyPrefix?: string;
  logger?: Logger;
}

export const createRateLimiter = ({ url, keyPrefix, logger }: CreateRateLimiterOptions = {}): RateLimiter =>
  url ? new RedisRateLimiter({ url, keyPrefix, logger }) : new MemoryRateLimiter();
