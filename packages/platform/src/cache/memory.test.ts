import { describe, expect, it } from "vitest";
import { MemoryCache } from "./memory";

const clock = (start = 1_000_000) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
};

describe("MemoryCache", () => {
  it("serves an entry until its TTL has fully elapsed, not a millisecond longer", async () => {
    const time = clock();
    const cache = new MemoryCache({ now: time.now });
    await cache.set("risk:u1", { var95: "1234.50" }, 60);
    time.advance(59_999);
    expect(await cache.get("risk:u1")).toEqual({ var95: "1234.50" });
    time.advance(1);
    expect(await cache.get("risk:u1")).toBeUndefined();
  });

  it("deleteByPrefix removes only that area and counts the live entries it removed", async () => {
    const cache = new MemoryCache();
    await cache.set("risk:u1", 1, 60);
    await cache.set("risk:u2", 2, 60);
    await cache.set("riskcfg:x", 3, 60);
    await cache.set("quotes:AAPL", 4, 60);
    expect(await cache.deleteByPrefix("risk:")).toBe(2);
    expect(await cache.get("risk:u1")).toBeUndefined();
    expect(await cache.get("riskcfg:x")).toBe(3);
    expect(await cache.get("quotes:AAPL")).toBe(4);
    expect(await cache.deleteByPrefix("none:")).toBe(0);
  });

  it("evicts the least recently used entry past maxEntries", async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set("a", 1, 60);
    await cache.set("b", 2, 60);
    await cache.get("a");
    await cache.set("c", 3, 60);
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBe(1);
    expect(await cache.get("c")).toBe(3);
  });

  it("getOrSet loads once for concurrent misses and returns what a later hit returns", async () => {
    const cache = new MemoryCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { at: new Date(0) };
    };
    const [first, second] = await Promise.all([cache.getOrSet("k", 60, load), cache.getOrSet("k", 60, load)]);
    expect(loads).toBe(1);
    expect(first).toEqual({ at: "1970-01-01T00:00:00.000Z" });
    expect(second).toEqual(first);
    expect(await cache.getOrSet("k", 60, load)).toEqual(first);
    expect(loads).toBe(1);
  });

  it("does not cache a failed load", async () => {
    const cache = new MemoryCache();
    await expect(cache.getOrSet("k", 60, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.getOrSet("k", 60, async () => "ok")).toBe("ok");
  });

  it("refuses TTLs Redis could not store and values JSON cannot carry", async () => {
    const cache = new MemoryCache();
    await expect(cache.set("k", 1, 0)).rejects.toThrow(RangeError);
    await expect(cache.set("k", 1, 1.5)).rejects.toThrow(RangeError);
    await expect(cache.set("k", undefined, 10)).rejects.toThrow(/not JSON-serializable/);
  });
});
