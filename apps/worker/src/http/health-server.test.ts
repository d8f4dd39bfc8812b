import { afterEach, describe, expect, it } from "vitest";
import type { HealthServer, ReadinessCheck } from "./health-server.js";
import { checkReadiness, startHealthServer } from "./health-server.js";

const up: ReadinessCheck = async () => true;
const down: ReadinessCheck = async () => false;
const throwing: ReadinessCheck = async () => {
  throw new Error("connection refused");
};
const hanging: ReadinessCheck = () => new Promise<boolean>(() => undefined);

describe("checkReadiness", () => {
  it("is ready when every probe answers", async () => {
    expect(await checkReadiness({ db: up, bus: up }, 100)).toEqual({
      ready: true,
      checks: { db: "ok", bus: "ok" },
      failed: [],
    });
  });

  it("names each dependency that is down, throws or does not answer in time", async () => {
    const readiness = await checkReadiness({ db: throwing, bus: up, cache: down, broker: hanging }, 50);
    expect(readiness.ready).toBe(false);
    expect(readiness.failed).toEqual(["db", "cache", "broker"]);
    expect(readiness.checks).toEqual({ db: "failed", bus: "ok", cache: "failed", broker: "timeout" });
  });

  it("is ready with no dependencies at all", async () => {
    expect((await checkReadiness({}, 50)).ready).toBe(true);
  });
});

describe("health server", () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async (
    checks: Record<string, ReadinessCheck>,
    renderMetrics = async () => ({ contentType: "text/plain; version=0.0.4", body: "nexus_up 1\n" }),
  ) => {
    server = await startHealthServer({
      port: 0,
      host: "127.0.0.1",
      checks,
      checkTimeoutMs: 100,
      renderMetrics,
    });
    return `http://127.0.0.1:${server.port}`;
  };

  it("answers /healthz while a dependency is down: the process itself is up", async () => {
    const base = await start({ db: down });
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
  });

  it("answers /readyz 503 naming the failed dependency", async () => {
    const base = await start({ db: down, bus: up });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not ready",
      checks: { db: "failed", bus: "ok" },
      failed: ["db"],
    });
  });

  it("answers /readyz 503 with what a probe says is wrong, e.g. the stalled topic and partition", async () => {
    const stalled = [{ topic: "orders.created", partition: 4, lag: 120, stalledForSeconds: 31 }];
    const base = await start({ db: up, ingest: async () => ({ ready: false, detail: { stalled } }) });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not ready",
      checks: { db: "ok", ingest: "failed" },
      failed: ["ingest"],
      details: { ingest: { stalled } },
    });
  });

  it("answers /readyz 200 when all dependencies answer", async () => {
    const base = await start({ db: up, bus: up });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { db: "ok", bus: "ok" } });
  });

  it("serves /metrics in the renderer's content type", async () => {
    const base = await start({});
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4");
    expect(await response.text()).toBe("nexus_up 1\n");
  });

  it("answers 404 for an unknown path and 405 for a POST", async () => {
    const base = await start({});
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });

  it.each([
    ["an error", new Error("registry closed")],
    ["a thrown string", "registry closed"],
  ])("answers /metrics 500 with the reason when rendering fails with %s", async (_what, failure) => {
    const base = await start({}, () => Promise.reject(failure));
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "registry closed" });
  });

  it("still ends the /readyz answer when a probe's detail cannot be sent as JSON", async () => {
    // Headers are out before the body fails to serialise: the probe gets its status, never a hang.
    const base = await start({ ingest: async () => ({ ready: false, detail: { lag: 12n } }) });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("");
  });

  it("refuses to start on a port already in use", async () => {
    const base = await start({});
    const taken = Number(new URL(base).port);
    await expect(
      startHealthServer({
        port: taken,
        host: "127.0.0.1",
        checks: {},
        renderMetrics: async () => ({ contentType: "text/plain", body: "" }),
      }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
  });

  it("reports a second close as an error instead of hanging", async () => {
    const started = await startHealthServer({
      port: 0,
      checks: {},
      renderMetrics: async () => ({ contentType: "text/plain", body: "" }),
    });
    await started.close();
    await expect(started.close()).rejects.toMatchObject({ code: "ERR_SERVER_NOT_RUNNING" });
  });
});
