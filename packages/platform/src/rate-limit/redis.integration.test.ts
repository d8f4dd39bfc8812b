/** RedisRateLimiter against the real Redis; keys live under a random prefix and expire by themselves. */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { RedisRateLimiter, createRateLimiter } from "./index";

const url = "redis://127.0.0.1:6379";
const keyPrefix = `it-rate-limit-${randomUUID().slice(0, 8)}:`;
const limiter = new RedisRateLimiter({ url, keyPrefix });
/** A second connection, as a second web replica would hold. */
const replica = new RedisRateLimiter({ url, keyPrefix });

afterAll(async () => {
  await Promise.all([limiter.close(), replica.close()]);
});

describe("RedisRateLimiter", () => {
  it("allows `limit` attempts, refuses the next with the time left, and forgets the key when the window ends", async () => {
    const rule = { limit: 2, windowMs: 400 };
    expect(await limiter.consume("window", rule)).toEqual({ allowed: true });
    expect(await replica.consume("window", rule)).toEqual({ allowed: true });
    const refused = await limiter.consume("window", rule);
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, refused.retryAfterMs + 50));
    expect(await limiter.consume("window", rule)).toEqual({ allowed: true });
  });

  it("lets exactly `limit` of many concurrent attempts from two replicas through", async () => {
    const rule = { limit: 5, windowMs: 60_000 };
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? limiter : replica).consume("race", rule)),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
  });

  it("refund takes back one attempt and never goes below zero; reset forgets the key", async () => {
    const rule = { limit: 2, windowMs: 60_000 };
    await limiter.refund("refund");
    await limiter.consume("refund", rule);
    await limiter.consume("refund", rule);
    await limiter.refund("refund");
    expect(await limiter.consume("refund", rule)).toEqual({ allowed: true });
    expect(await limiter.consume("refund", rule)).toMatchObject({ allowed: false });
    await replica.reset("refund");
    expect(await limiter.consume("refund", rule)).toEqual({ allowed: true });
  });

  it("is what createRateLimiter builds for a Redis URL", async () => {
    const built = createRateLimiter({ url, keyPrefix });
    expect(built).toBeInstanceOf(RedisRateLimiter);
    await built.close();
  });
});
