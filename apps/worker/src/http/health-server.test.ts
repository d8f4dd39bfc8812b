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

  const start = async (checks: Record<string, ReadinessCheck>) => {
    server = await startHealthServer({
      port: 0,
      host: "127.0.0.1",
      checks,
      checkTimeoutMs: 100,
      renderMetrics: async () => ({ contentType: "text/plain; version=0.0.4", body: "nexus_up 1\n" }),
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
});
