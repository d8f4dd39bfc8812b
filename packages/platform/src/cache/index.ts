import type { Logger } from "pino";
import { MemoryCache } from "./memory";
import { RedisCache } from "./redis";
import type { Cache } from "./types";

export type { Cache } from "./types";
export { MemoryCache, type MemoryCacheOptions } from "./memory";
export { RedisCache, type RedisCacheOptions } from "./redis";

export interface CreateCacheOptions {
  /** `redis://` URL (env REDIS_URL); without one the cache is in-process (embedded default). */
  url?: string;
  keyPrefix?: string;
  logger?: Logger;
}

export const createCache = ({ url, keyPrefix, logger }: CreateCacheOptions = {}): Cache =>
  url ? new RedisCache({ url, keyPrefix, logger }) : new MemoryCache();
