import { describe, expect, it } from "vitest";
import { MemoryRateLimiter, createRateLimiter } from "./index";

const clock = (start = 1_000_000) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
};
const rule = { limit: 3, windowMs: 60_000 };

describe("MemoryRateLimiter", () => {
  it("allows `limit` attempts, refuses the next with the time left, and opens a new window exactly at the end", async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ now: time.now });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await limiter.consume("k", rule)).toEqual({ allowed: true });
      time.advance(1_000);
    }
    expect(await limiter.consume("k", rule)).toEqual({ allowed: false, retryAfterMs: 57_000 });
    time.advance(56_999);
    expect(await limiter.consume("k", rule)).toEqual({ allowed: false, retryAfterMs: 1 });
    time.advance(1);
    expect(await limiter.consume("k", rule)).toEqual({ allowed: true });
  });

  it("does not push the window's end out while refused attempts keep coming", async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ now: time.now });
    for (let attempt = 0; attempt < 3; attempt++) await limiter.consume("k", rule);
    for (let second = 0; second < 59; second++) {
      time.advance(1_000);
      expect(await limiter.consume("k", rule)).toMatchObject({ allowed: false });
    }
    time.advance(1_000);
    expect(await limiter.consume("k", rule)).toEqual({ allowed: true });
  });

  it("counts each key on its own", async () => {
    const limiter = new MemoryRateLimiter();
    for (let attempt = 0; attempt < 3; attempt++) await limiter.consume("a", rule);
    expect(await limiter.consume("a", rule)).toMatchObject({ allowed: false });
    expect(await limiter.consume("b", rule)).toEqual({ allowed: true });
  });

  it("refund takes back one attempt and never goes below zero; reset forgets the key", async () => {
    const limiter = new MemoryRateLimiter();
    await limiter.refund("k");
    for (let attempt = 0; attempt < 3; attempt++) await limiter.consume("k", rule);
    await limiter.refund("k");
    expect(await limiter.consume("k", rule)).toEqual({ allowed: true });
    expect(await limiter.consume("k", rule)).toMatchObject({ allowed: false });
    await limiter.reset("k");
    for (let attempt = 0; attempt < 3; attempt++)
      expect(await limiter.consume("k", rule)).toEqual({ allowed: true });
  });

  it("refuses a limit below one and a window that is not whole milliseconds", async () => {
    const limiter = new MemoryRateLimiter();
    await expect(limiter.consume("k", { limit: 0, windowMs: 1_000 })).rejects.toThrow(RangeError);
    await expect(limiter.consume("k", { limit: 1, windowMs: 0.5 })).rejects.toThrow(RangeError);
  });
});

describe("createRateLimiter", () => {
  it("keeps the counts in this process without a Redis URL", () => {
    expect(createRateLimiter()).toBeInstanceOf(MemoryRateLimiter);
  });
});
