import { createLogger } from "@nexus/platform/logger";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startRepeatingJob } from "./repeating-job.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("startRepeatingJob", () => {
  it("runs at once and then every period, logs a failed run and still tries the next, and stops after the run in flight", async () => {
    vi.useFakeTimers();
    const logger = createLogger({ name: "repeating-job-test", level: "silent" });
    const warn = vi.spyOn(logger, "warn");
    let runs = 0;
    const job = startRepeatingJob({
      run: async () => {
        runs += 1;
        if (runs === 2) throw new Error("store away");
      },
      everyMs: 1_000,
      logger,
      what: "test job",
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(3);
    expect(warn).toHaveBeenCalledWith({ err: new Error("store away") }, "test job failed");
    await job.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(3);
  });
});
