/**
 * Redis rate limiter (ioredis), shared by every web replica. Each operation is one Lua script, so
 * counting and opening the window are atomic: two replicas racing on the first attempt cannot both
 * see a fresh key, and a crash between INCR and PEXPIRE cannot leave a counter that never expires.
 */
import type { Redis } from "ioredis";
import type { Result } from "ioredis";
import type { Logger } from "pino";
import { connectRedis } from "../redis-connection";
import { assertRule } from "./types";
import type { RateLimitDecision, RateLimitRule, RateLimiter } from "./types";

/** Counts the attempt; opens the window (its expiry) on the first one. Returns {count, ms left}. */
const CONSUME = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** DECR keeps the key's expiry; a missing or zero counter stays as it is. */
const REFUND = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    rateLimitConsume(key: string, windowMs: number): Result<[number, number], Context>;
    rateLimitRefund(key: string): Result<number, Context>;
  }
}

export interface RedisRateLimiterOptions {
  url: string;
  /** Namespace for every key, e.g. `nexus:rate-limit:`. */
  keyPrefix?: string;
  /** Receives connection errors (ioredis reconnects by itself; commands fail until it has). */
  logger?: Logger;
}

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly keyPrefix: string;

  constructor({ url, keyPrefix = "", logger }: RedisRateLimiterOptions) {
    this.redis = connectRedis(url, logger);
    // defineCommand sends EVALSHA and falls back to EVAL when the server has not cached the script.
    this.redis.defineCommand("rateLimitConsume", { numberOfKeys: 1, lua: CONSUME });
    this.redis.defineCommand("rateLimitRefund", { numberOfKeys: 1, lua: REFUND });
    this.keyPrefix = keyPrefix;
  }

  async consume(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    assertRule(rule);
    const [count, msLeft] = await this.redis.rateLimitConsume(this.keyPrefix + key, rule.windowMs);
    return count <= rule.limit ? { allowed: true } : { allowed: false, retryAfterMs: msLeft };
  }

  async refund(key: string): Promise<void> {
    await this.redis.rateLimitRefund(this.keyPrefix + key);
  }

  async reset(key: string): Promise<void> {
    await this.redis.unlink(this.keyPrefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
