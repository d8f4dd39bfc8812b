import { describe, expect, it } from "vitest";
import { z } from "zod";
import { baseEnvSchema, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults when nothing is set", () => {
    expect(parseEnv(baseEnvSchema, {})).toEqual({
      ok: true,
      env: { NODE_ENV: "development", LOG_LEVEL: "info", NEXUS_DATA_DIR: ".nexus", TRUSTED_PROXY_COUNT: 0 },
    });
  });

  it("parses a broker list into host:port strings", () => {
    const parsed = parseEnv(baseEnvSchema, { KAFKA_BROKERS: "127.0.0.1:9092, kafka-2.internal:9093" });
    expect(parsed.ok && parsed.env.KAFKA_BROKERS).toEqual(["127.0.0.1:9092", "kafka-2.internal:9093"]);
  });

  it("names the variable and the expected shape of a bad broker list, on one line", () => {
    expect(parseEnv(baseEnvSchema, { KAFKA_BROKERS: "localhost" })).toEqual({
      ok: false,
      message: "KAFKA_BROKERS: expected host:port[,host:port]",
    });
  });

  it("rejects a database URL that is not postgres://", () => {
    const parsed = parseEnv(baseEnvSchema, {
      DATABASE_URL: "mysql://db/x",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(parsed).toEqual({ ok: false, message: "DATABASE_URL: expected a postgres:// URL" });
  });

  it("takes MARKET_DATA_URL as an http(s) URL and names it when it is not one", () => {
    const parsed = parseEnv(baseEnvSchema, { MARKET_DATA_URL: "http://market-data.internal:8080/v1" });
    expect(parsed.ok && parsed.env.MARKET_DATA_URL).toBe("http://market-data.internal:8080/v1");
    expect(parseEnv(baseEnvSchema, { MARKET_DATA_URL: "market-data:8080" })).toEqual({
      ok: false,
      message: "MARKET_DATA_URL: expected an http(s):// URL",
    });
  });

  it("lists every bad variable in the single message", () => {
    const parsed = parseEnv(baseEnvSchema, { LOG_LEVEL: "loud", REDIS_URL: "http://x" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(/^LOG_LEVEL: .+; REDIS_URL: expected a redis:\/\/ URL$/);
    expect(parsed.message).not.toContain("\n");
  });

  it("treats empty strings as unset, so defaults and optionals apply", () => {
    const parsed = parseEnv(baseEnvSchema, { LOG_LEVEL: "", DATABASE_URL: "", KAFKA_BROKERS: " " });
    expect(parsed).toEqual({
      ok: true,
      env: { NODE_ENV: "development", LOG_LEVEL: "info", NEXUS_DATA_DIR: ".nexus", TRUSTED_PROXY_COUNT: 0 },
    });
  });

  it("reads TRUSTED_PROXY_COUNT as a number of proxies and names it when it is not one", () => {
    const parsed = parseEnv(baseEnvSchema, { TRUSTED_PROXY_COUNT: "2" });
    expect(parsed.ok && parsed.env.TRUSTED_PROXY_COUNT).toBe(2);
    for (const bad of ["-1", "one", "1.5", "100"]) {
      expect(parseEnv(baseEnvSchema, { TRUSTED_PROXY_COUNT: bad })).toEqual({
        ok: false,
        message: "TRUSTED_PROXY_COUNT: expected the number of reverse proxies in front of the web app (0-99)",
      });
    }
  });

  it("lets apps extend the base schema and reports a missing required variable", () => {
    const appSchema = baseEnvSchema.extend({ AUTH_SECRET: z.string().min(32) });
    expect(parseEnv(appSchema, { AUTH_SECRET: "" })).toEqual({ ok: false, message: "AUTH_SECRET: required" });
  });
});
