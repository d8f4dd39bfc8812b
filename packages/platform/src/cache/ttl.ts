/** Both caches take whole seconds because Redis `SET ... EX` does; anything else is a caller bug. */
export const assertTtlSeconds = (ttlSeconds: number): void => {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1)
    throw new RangeError(`cache TTL must be a whole number of seconds >= 1, got ${ttlSeconds}`);
};
