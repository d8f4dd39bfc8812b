import { parseEnv } from "@nexus/platform/env";
import { describe, expect, it } from "vitest";

import { workerEnvSchema } from "./env";

describe("the worker's configuration", () => {
  it("calls a partition stalled after 30 s without progress unless told otherwise", () => {
    const parsed = parseEnv(workerEnvSchema, {});
    expect(parsed.ok && parsed.env.INGEST_STALL_AFTER_MS).toBe(30_000);
    const configured = parseEnv(workerEnvSchema, { INGEST_STALL_AFTER_MS: "120000" });
    expect(configured.ok && configured.env.INGEST_STALL_AFTER_MS).toBe(120_000);
  });

  it.each(["0", "999", "30s", "3600001"])("refuses INGEST_STALL_AFTER_MS=%s, naming it", (value) => {
    const parsed = parseEnv(workerEnvSchema, { INGEST_STALL_AFTER_MS: value });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toMatch(/^INGEST_STALL_AFTER_MS: /);
  });

  it("runs the simulated session at 1x from the default day, on the embedded bus only, unless told otherwise", () => {
    const parsed = parseEnv(workerEnvSchema, {});
    expect(parsed.ok && [parsed.env.SIM_SPEED, parsed.env.SIM_DAY, parsed.env.SIM_PUBLISH_TO_KAFKA]).toEqual([
      1,
      undefined,
      false,
    ]);
    const configured = parseEnv(workerEnvSchema, {
      SIM_SPEED: "10x",
      SIM_DAY: "2016-06-24",
      SIM_PUBLISH_TO_KAFKA: "true",
    });
    expect(
      configured.ok && [
        configured.env.SIM_SPEED,
        configured.env.SIM_DAY,
        configured.env.SIM_PUBLISH_TO_KAFKA,
      ],
    ).toEqual([10, "2016-06-24", true]);
  });

  it.each([
    ["SIM_SPEED", "0.5x", "SIM_SPEED: expected 1x to 100x, e.g. 10x"],
    ["SIM_SPEED", "fast", "SIM_SPEED: expected 1x to 100x, e.g. 10x"],
    ["SIM_DAY", "24/06/2016", "SIM_DAY: expected a date as YYYY-MM-DD"],
    ["SIM_PUBLISH_TO_KAFKA", "yes", "SIM_PUBLISH_TO_KAFKA: expected true or false"],
  ])("refuses %s=%s, naming it", (name, value, message) => {
    const parsed = parseEnv(workerEnvSchema, { [name]: value });
    expect(parsed.ok ? "" : parsed.message).toBe(message);
  });
});
