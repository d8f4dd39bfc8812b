/**
 * In-process cache for the embedded default and tests. Values are stored as JSON text, exactly as
 * Redis stores them, so a `Decimal` comes back as a string in both modes. Bounded: past `maxEntries`
 * the least recently used entry is evicted (Map keeps insertion order; a read re-inserts).
 */
import { fromCacheJson, toCacheJson } from "./json";
import { SingleFlight } from "./single-flight";
import { assertTtlSeconds } from "./ttl";
import type { Cache } from "./types";

export interface MemoryCacheOptions {
  /** Clock in ms since epoch; tests inject one to cross TTL boundaries exactly. */
  now?: () => number;
  maxEntries?: number;
}

interface Entry {
  json: string;
  expiresAt: number;
}

export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new SingleFlight(this);
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor({ now = Date.now, maxEntries = 10_000 }: MemoryCacheOptions = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError(`maxEntries must be >= 1, got ${maxEntries}`);
    this.now = now;
    this.maxEntries = maxEntries;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    // Like Redis, the key is gone from the moment its TTL has fully elapsed.
    if (this.now() >= entry.expiresAt) return undefined;
    this.entries.set(key, entry);
    return fromCacheJson<T>(entry.json);
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    assertTtlSeconds(ttlSeconds);
    const json = toCacheJson(key, value);
    this.entries.delete(key);
    this.entries.set(key, { json, expiresAt: this.now() + ttlSeconds * 1000 });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const now = this.now();
    let deleted = 0;
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(prefix)) continue;
      this.entries.delete(key);
      if (now < entry.expiresAt) deleted++;
    }
    return deleted;
  }

  async getOrSet<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    return this.loads.getOrSet(key, ttlSeconds, load);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
