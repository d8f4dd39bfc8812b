import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { InMemoryEventBus, KafkaEventBus, createEventBus } from "./bus/index";
import { MemoryCache, RedisCache, createCache } from "./cache/index";

const logger = pino({ level: "silent" });

describe("adapter factories", () => {
  it("pick the in-memory bus without brokers and Kafka with them", async () => {
    expect(createEventBus({ clientId: "t", logger })).toBeInstanceOf(InMemoryEventBus);
    expect(createEventBus({ brokers: [], clientId: "t", logger })).toBeInstanceOf(InMemoryEventBus);
    const kafka = createEventBus({ brokers: ["127.0.0.1:1"], clientId: "t", logger });
    expect(kafka).toBeInstanceOf(KafkaEventBus);
    await kafka.close();
  });

  it("pick the in-memory cache without a URL and Redis with one", async () => {
    expect(createCache()).toBeInstanceOf(MemoryCache);
    const redis = createCache({ url: "redis://127.0.0.1:1", keyPrefix: "t:" });
    expect(redis).toBeInstanceOf(RedisCache);
    await redis.close().catch(() => undefined);
  });
});
