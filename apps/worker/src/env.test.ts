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
});
