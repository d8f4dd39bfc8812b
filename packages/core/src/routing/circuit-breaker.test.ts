import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker";

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures, not before", () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000 });
    breaker.recordFailure(0);
    breaker.recordFailure(1);
    expect(breaker.state(1)).toBe("closed");
    breaker.recordSuccess();
    breaker.recordFailure(2);
    breaker.recordFailure(3);
    expect(breaker.isAvailable(3)).toBe(true);
    breaker.acquire(3);
    breaker.recordFailure(4);
    expect(breaker.state(4)).toBe("open");
    expect(breaker.isAvailable(1003)).toBe(false);
    expect(() => breaker.acquire(1003)).toThrow("circuit breaker is open: check isAvailable first");
  });

  it("half-opens after openMs and lets exactly one probe through", () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000 });
    breaker.recordFailure(0);
    expect(breaker.state(1000)).toBe("half_open");
    expect(breaker.isAvailable(1000)).toBe(true);
    breaker.acquire(1000);
    expect(breaker.isAvailable(1000)).toBe(false);
    expect(() => breaker.acquire(1000)).toThrow("circuit breaker is half_open: check isAvailable first");
    breaker.recordSuccess();
    expect(breaker.state(1000)).toBe("closed");
  });

  it("re-opens for a full period when the probe fails", () => {
    const breaker = new CircuitBreaker({ failureThreshold: 5, openMs: 1000 });
    for (let i = 0; i < 5; i += 1) breaker.recordFailure(0);
    breaker.acquire(1500);
    breaker.recordFailure(1500);
    expect(breaker.state(2499)).toBe("open");
    expect(breaker.state(2500)).toBe("half_open");
  });

  it("uses 3 failures and 5 s by default", () => {
    const breaker = new CircuitBreaker();
    for (let i = 0; i < 3; i += 1) breaker.recordFailure(0);
    expect(breaker.state(4999)).toBe("open");
    expect(breaker.state(5000)).toBe("half_open");
  });
});
