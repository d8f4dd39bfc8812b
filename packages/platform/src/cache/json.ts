/**
 * Cached values are JSON in both caches. A value that does not survive JSON (undefined, a function)
 * is refused at `set` rather than read back as something else later.
 */
export const toCacheJson = (key: string, value: unknown): string => {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`cache value for "${key}" is not JSON-serializable`);
  return json;
};

export const fromCacheJson = <T>(json: string): T => JSON.parse(json) as T;
