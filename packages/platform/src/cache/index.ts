import type { Logger } from "pino";
import { MemoryCache } from "./memory.js";
import { RedisCache } from "./redis.js";
import type { Cache } from "./types.js";

export type { Cache } from "./types.js";
export { MemoryCache, type MemoryCacheOptions } from "./memory.js";
export { RedisCache, type RedisCacheOptions } from "./redis.js";

export interface CreateCacheOptions {
  /** `redis://` URL (env REDIS_URL); without one the cache is in-process (embedded default). */
  url?: string;
  keyPrefix?: string;
  logger?: Logger;
}

export const createCache = ({ url, keyPrefix, logger }: CreateCacheOptions = {}): Cache =>
  url ? new RedisCache({ url, keyPrefix, logger }) : new MemoryCache();
