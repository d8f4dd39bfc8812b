/**
 * Counting attempts per key in a time window (sign-in throttling). Redis in services mode, so every
 * web replica shares one count; in-memory for the embedded default and tests.
 *
 * Fixed window opened by the first attempt: the first `consume` of a key starts a window of
 * `windowMs`; attempts in it are counted and the window ends on schedule, however many follow (a
 * caller hammering a refused key does not push the end out). A sliding log would stop the burst of
 * up to 2x the limit around a window's end, but costs one stored entry per attempt; what the limits
 * are for, capping how many passwords an attacker can try per account and per address over time,
 * the fixed window caps just as well (at most `limit` per `windowMs` on average), with one counter per key.
 */
export interface RateLimitRule {
  /** Attempts allowed in one window; the next one is refused. */
  limit: number;
  windowMs: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  /** Counts one attempt under `key` (atomically, also across processes) and says whether it is within `rule`. */
  consume(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
  /** Takes back one counted attempt (never below zero); the window keeps its end. */
  refund(key: string): Promise<void>;
  /** Forgets every attempt under `key`. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A limit below one or a window Redis cannot time (whole milliseconds) is a caller bug. */
export const assertRule = ({ limit, windowMs }: RateLimitRule): void => {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate limit must be >= 1, got ${limit}`);
  if (!Number.isInteger(windowMs) || windowMs < 1)
    throw new RangeError(`rate limit window must be whole milliseconds >= 1, got ${windowMs}`);
};
