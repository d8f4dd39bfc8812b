/** RedisCache against the real Redis; keys live under a random prefix and are removed afterwards. */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { RedisCache } from "./redis";

const url = "redis://127.0.0.1:6379";
const prefix = `it-platform-${randomUUID().slice(0, 8)}:`;
const cache = new RedisCache({ url, keyPrefix: prefix, scanCount: 10 });
const neighbour = new RedisCache({ url, keyPrefix: `${prefix}neighbour:` });

afterAll(async () => {
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), neighbour.close()]);
});

describe("RedisCache", () => {
  it("stores JSON and lets an entry expire after its TTL", async () => {
    await cache.set("risk:short", { var95: "12.50" }, 1);
    expect(await cache.get("risk:short")).toEqual({ var95: "12.50" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.get("risk:short")).toBeUndefined();
  });

  it("deleteByPrefix removes only that prefix, across many SCAN pages, including glob characters", async () => {
    await Promise.all(Array.from({ length: 35 }, (_, i) => cache.set(`risk:u${i}`, i, 60)));
    await cache.set("risk*:literal", "star", 60);
    await cache.set("riskcfg:x", "other area", 60);
    await neighbour.set("risk:u1", "other prefix", 60);

    expect(await cache.deleteByPrefix("risk:")).toBe(35);
    expect(await cache.get("risk:u1")).toBeUndefined();
    expect(await cache.get("risk*:literal")).toBe("star");
    expect(await cache.get("riskcfg:x")).toBe("other area");
    expect(await neighbour.get("risk:u1")).toBe("other prefix");
    expect(await cache.deleteByPrefix("risk*:")).toBe(1);
    expect(await cache.get("riskcfg:x")).toBe("other area");
  });

  it("getOrSet loads on a miss and serves the stored value afterwards", async () => {
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.getOrSet("count", 60, load)).toBe(1);
    expect(await cache.getOrSet("count", 60, load)).toBe(1);
  });

  it("answers ping", async () => {
    expect(await cache.ping()).toBe(true);
  });
});
