/**
 * The simulated session's control path and status on the real Postgres: an admin's change made through
 * the use case reaches the worker's simulator on commit (NOTIFY), one made before the worker started
 * does not; the worker's status row is written every beat and removed when it stops.
 */
import { readSessionStatus, setSimulationControl } from "@nexus/services/simulation";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { createLogger } from "@nexus/platform/logger";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { followSimulationControl } from "./control-follower.js";
import { startStatusReporter } from "./status-reporter.js";

const logger = createLogger({ name: "simulation-it", level: "silent" });
const admin = { actorType: "user" as const, actorId: "admin-1", ip: null };

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("worker_simulation_it");
});
afterAll(async () => {
  await handle.close();
});

function recordingFeed() {
  const calls: string[] = [];
  return {
    calls,
    pause: () => void calls.push("pause"),
    resume: () => void calls.push("resume"),
    setSpeed: (speed: number) => void calls.push(`speed ${speed}`),
  };
}

describe("followSimulationControl", () => {
  it("applies a change made after the worker started, at once, and not one made before", async () => {
    await setSimulationControl(
      { db: handle.db, actor: admin, now: new Date(Date.now() - 60_000) },
      {
        paused: true,
        speed: 50,
      },
    );
    const feed = recordingFeed();
    // A long poll: what arrives in time came by NOTIFY.
    const follower = await followSimulationControl({
      database: handle,
      feed,
      startedAt: new Date(Date.now() - 1_000),
      logger,
      pollMs: 60_000,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(feed.calls).toEqual([]);
      await setSimulationControl(
        { db: handle.db, actor: admin, now: new Date() },
        { paused: true, speed: 10 },
      );
      await vi.waitFor(() => expect(feed.calls).toEqual(["speed 10", "pause"]), { timeout: 3_000 });
      await setSimulationControl(
        { db: handle.db, actor: admin, now: new Date(Date.now() + 1) },
        {
          paused: false,
          speed: 10,
        },
      );
      await vi.waitFor(() => expect(feed.calls).toEqual(["speed 10", "pause", "speed 10", "resume"]), {
        timeout: 3_000,
      });
    } finally {
      await follower.stop();
    }
  });

  it("catches up on the poll when a notification is missed", async () => {
    const feed = recordingFeed();
    const startedAt = new Date();
    const follower = await followSimulationControl({
      database: {
        db: handle.db,
        sql: { listen: () => Promise.reject(new Error("no LISTEN here")) } as never,
      },
      feed,
      startedAt,
      logger,
      pollMs: 100,
    });
    try {
      await setSimulationControl(
        { db: handle.db, actor: admin, now: new Date(startedAt.getTime() + 5) },
        {
          paused: false,
          speed: 3,
        },
      );
      await vi.waitFor(() => expect(feed.calls).toEqual(["speed 3", "resume"]), { timeout: 3_000 });
    } finally {
      await follower.stop();
    }
  });
});

describe("startStatusReporter", () => {
  it("reports the ingest figures and the session every beat, and removes its row on stopping", async () => {
    let eventsPerSecond = 40;
    const session = {
      day: "2016-06-24",
      clock: "2016-06-24T13:30:00.000Z",
      speed: 1,
      paused: false,
      eventsPerSecond: 50,
    };
    const reporter = await startStatusReporter({
      db: handle.db,
      logger,
      ingest: () => ({ eventsPerSecond, lag: 7 }),
      bus: "in-memory",
      simulation: () => session,
      everyMs: 50,
    });
    try {
      await vi.waitFor(async () =>
        expect(await readSessionStatus(handle.db, new Date())).toMatchObject({
          workersReporting: 1,
          simulation: session,
          eventsPerSecond: 40,
          ingestLag: 7,
          bus: "in-memory",
        }),
      );
      eventsPerSecond = 45;
      await vi.waitFor(async () =>
        expect((await readSessionStatus(handle.db, new Date())).eventsPerSecond).toBe(45),
      );
    } finally {
      await reporter.stop();
    }
    expect(await readSessionStatus(handle.db, new Date())).toMatchObject({
      workersReporting: 0,
      simulation: null,
      bus: null,
    });
  });
});
