/**
 * Redis cache (ioredis). Keys are prefixed by hand rather than with ioredis' `keyPrefix`, because that
 * option is not applied to SCAN patterns and would double-prefix the keys SCAN returns to UNLINK.
 * `deleteByPrefix` walks the keyspace with SCAN (never KEYS, which blocks Redis) and frees with UNLINK
 * (asynchronous reclaim on the server).
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { connectRedis } from "../redis-connection";
import { fromCacheJson, toCacheJson } from "./json";
import { SingleFlight } from "./single-flight";
import { assertTtlSeconds } from "./ttl";
import type { Cache } from "./types";

export interface RedisCacheOptions {
  url: string;
  /** Namespace for every key, e.g. `nexus:`; lets tests and deployments share one Redis. */
  keyPrefix?: string;
  /** Keys examined per SCAN step. */
  scanCount?: number;
  /** Receives connection errors (ioredis reconnects by itself; commands fail until it has). */
  logger?: Logger;
}

/** SCAN MATCH is a glob: escape the glob metacharacters of a literal prefix. */
const escapeGlob = (literal: string): string => literal.replace(/[*?[\]\\]/g, (char) => `\\${char}`);

export class RedisCache implements Cache {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly scanCount: number;
  private readonly loads = new SingleFlight(this);

  constructor({ url, keyPrefix = "", scanCount = 500, logger }: RedisCacheOptions) {
    this.redis = connectRedis(url, logger);
    this.keyPrefix = keyPrefix;
    this.scanCount = scanCount;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.redis.get(this.keyPrefix + key);
    return json === null ? undefined : fromCacheJson<T>(json);
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    assertTtlSeconds(ttlSeconds);
    await this.redis.set(this.keyPrefix + key, toCacheJson(key, value), "EX", ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    await this.redis.unlink(this.keyPrefix + key);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const match = `${escapeGlob(this.keyPrefix + prefix)}*`;
    let cursor = "0";
    let deleted = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", match, "COUNT", this.scanCount);
      cursor = next;
      if (keys.length > 0) deleted += await this.redis.unlink(...keys);
    } while (cursor !== "0");
    return deleted;
  }

  async getOrSet<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    return this.loads.getOrSet(key, ttlSeconds, load);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
