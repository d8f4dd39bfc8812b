/**
 * Key/value cache with TTLs, values stored as JSON. ioredis in services mode, in-memory embedded.
 * Callers own key naming: `<area>:<id>` so `deleteByPrefix("<area>:")` invalidates an area.
 */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  deleteByPrefix(prefix: string): Promise<number>;
  /** Returns the cached value or computes, stores and returns it. */
  getOrSet<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
