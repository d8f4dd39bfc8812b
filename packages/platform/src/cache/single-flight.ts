import { fromCacheJson, toCacheJson } from "./json";
import { assertTtlSeconds } from "./ttl";
import type { Cache } from "./types";

/**
 * `getOrSet` shared by both caches: concurrent misses on one key run a single `load` (no thundering
 * herd on a cold analytics key); a failed load is not cached. The loaded value is returned as it will
 * read back from the cache (through JSON), so a hit and a miss give callers the same shape.
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly cache: Pick<Cache, "get" | "set">) {}

  async getOrSet<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    assertTtlSeconds(ttlSeconds);
    const cached = await this.cache.get<T>(key);
    if (cached !== undefined) return cached;
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const started = (async () => {
      const json = toCacheJson(key, await load());
      const value = fromCacheJson<T>(json);
      await this.cache.set(key, value, ttlSeconds);
      return value;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}
