import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { eventually } from "../../test/support";
import {
  ServiceHttpError,
  ServiceNetworkError,
  ServiceResponseError,
  ServiceTimeoutError,
  ServiceUnavailableError,
  createServiceClient,
} from "./service-client";
import type { ServiceClientOptions } from "./service-client";

type Route = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

let server: Server;
let baseUrl: string;
let route: Route;
let requests: Array<{ method: string; url: string; idempotencyKey: string | undefined }>;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = req.headers["idempotency-key"];
    requests.push({
      method: req.method ?? "",
      url: req.url ?? "",
      idempotencyKey: typeof key === "string" ? key : undefined,
    });
    req.resume();
    req.on("end", () => route(req, res, requests.length));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
});

const client = (overrides: Partial<ServiceClientOptions> = {}) =>
  createServiceClient({
    name: "risk",
    baseUrl,
    timeoutMs: 200,
    retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 100 },
    ...overrides,
  });

describe("createServiceClient", () => {
  it("GETs JSON under the base path and validates it with the schema", async () => {
    route = (_req, res) => json(res, 200, { limit: "1000000.00" });
    const limits = await client().get("/limits/u1", z.object({ limit: z.string() }));
    expect(limits).toEqual({ limit: "1000000.00" });
    expect(requests).toEqual([{ method: "GET", url: "/api/limits/u1", idempotencyKey: undefined }]);
  });

  it("rejects a response that does not match the schema, without retrying", async () => {
    route = (_req, res) => json(res, 200, { limit: 1000000 });
    await expect(client().get("/limits/u1", z.object({ limit: z.string() }))).rejects.toBeInstanceOf(
      ServiceResponseError,
    );
    expect(requests).toHaveLength(1);
  });

  it("times out one attempt and retries it; gives up with ServiceTimeoutError after maxAttempts", async () => {
    route = () => undefined; // never answers
    const error = await client({ timeoutMs: 50 })
      .get("/slow")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceTimeoutError);
    expect((error as ServiceTimeoutError).message).toBe("risk: no response within 50 ms");
    expect(requests).toHaveLength(3);
  });

  it("retries a 503 and returns the success that follows", async () => {
    route = (_req, res, attempt) =>
      attempt < 3 ? json(res, 503, { error: "busy" }) : json(res, 200, { ok: true });
    expect(await client().get("/status")).toEqual({ ok: true });
    expect(requests).toHaveLength(3);
  });

  it("retries 429 but not 4xx client errors, which surface with status and body", async () => {
    route = (_req, res, attempt) =>
      attempt === 1 ? json(res, 429, {}) : json(res, 404, { error: "no such user" });
    const error = await client()
      .get("/limits/nobody")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceHttpError);
    expect(error).toMatchObject({ service: "risk", status: 404, body: '{"error":"no such user"}' });
    expect(requests).toHaveLength(2);
  });

  it("never retries a POST without an idempotency key", async () => {
    route = (_req, res) => json(res, 503, {});
    await expect(client().post("/halts", { user_id: "u1" })).rejects.toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1);
  });

  it("retries a POST that carries an idempotency key, sending the same key each time", async () => {
    route = (_req, res, attempt) => (attempt === 1 ? json(res, 502, {}) : json(res, 201, { halt_id: "h1" }));
    expect(
      await client().post("/halts", { user_id: "u1" }, undefined, { idempotencyKey: "halt-u1" }),
    ).toEqual({ halt_id: "h1" });
    expect(requests.map((r) => r.idempotencyKey)).toEqual(["halt-u1", "halt-u1"]);
  });

  it("reports a refused connection as a network error after retrying", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await client({ baseUrl: `http://127.0.0.1:${port}` })
      .get("/x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceNetworkError);
  });

  it("opens after N consecutive failures, fails fast while open, probes once when half-open, then closes", async () => {
    let healthy = false;
    route = (_req, res) => (healthy ? json(res, 200, { ok: true }) : json(res, 500, {}));
    const risk = client({
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 100 },
    });

    await expect(risk.get("/a")).rejects.toBeInstanceOf(ServiceHttpError);
    expect(risk.state()).toBe("closed");
    await expect(risk.get("/a")).rejects.toBeInstanceOf(ServiceHttpError);
    expect(risk.state()).toBe("open");

    const fastFail = await risk.get("/a").catch((e: unknown) => e);
    expect(fastFail).toBeInstanceOf(ServiceUnavailableError);
    expect((fastFail as ServiceUnavailableError).service).toBe("risk");
    expect(requests).toHaveLength(2);

    await new Promise((resolve) => setTimeout(resolve, 120));
    healthy = true;
    let releaseProbe: (() => void) | undefined;
    route = (_req, res) => (releaseProbe = () => json(res, 200, { ok: true }));
    const probe = risk.get("/a");
    await eventually("probe reaches the server", () => releaseProbe !== undefined);
    expect(risk.state()).toBe("half-open");
    await expect(risk.get("/a")).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(requests).toHaveLength(3);
    releaseProbe?.();
    expect(await probe).toEqual({ ok: true });
    expect(risk.state()).toBe("closed");
    expect(requests).toHaveLength(3);
  });

  it("does not count client errors against the breaker", async () => {
    route = (_req, res) => json(res, 400, {});
    const risk = client({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 1000 } });
    await expect(risk.get("/bad")).rejects.toMatchObject({ status: 400 });
    expect(risk.state()).toBe("closed");
  });
});
