/**
 * In-process rate limiter for the embedded default (one web process) and tests. The clock is
 * injected so a test crosses a window's end exactly.
 */
import { assertRule } from "./types";
import type { RateLimitDecision, RateLimitRule, RateLimiter } from "./types";

export interface MemoryRateLimiterOptions {
  /** Clock in ms since epoch. */
  now?: () => number;
}

interface Window {
  count: number;
  endsAt: number;
}

/** Windows kept before ended ones are swept; the sweep threshold then doubles with what is live. */
const SWEEP_FROM = 1024;

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private sweepAt = SWEEP_FROM;

  constructor({ now = Date.now }: MemoryRateLimiterOptions = {}) {
    this.now = now;
  }

  async consume(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    assertRule(rule);
    const now = this.now();
    let window = this.live(key, now);
    if (window === undefined) {
      window = { count: 0, endsAt: now + rule.windowMs };
      this.windows.set(key, window);
      this.sweepIfLarge(now);
    }
    window.count++;
    return window.count <= rule.limit
      ? { allowed: true }
      : { allowed: false, retryAfterMs: window.endsAt - now };
  }

  async refund(key: string): Promise<void> {
    const window = this.live(key, this.now());
    if (window !== undefined && window.count > 0) window.count--;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  /** Like a Redis key, a window is gone from the moment it has fully elapsed. */
  private live(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window !== undefined && now < window.endsAt ? window : undefined;
  }

  /**
   * Callers spraying many keys (addresses, emails) must not grow the map without bound: ended
   * windows are dropped once the map has doubled since the last sweep, so the work stays amortized O(1).
   */
  private sweepIfLarge(now: number): void {
    if (this.windows.size < this.sweepAt) return;
    for (const [key, window] of this.windows) if (now >= window.endsAt) this.windows.delete(key);
    this.sweepAt = Math.max(SWEEP_FROM, this.windows.size * 2);
  }
}
