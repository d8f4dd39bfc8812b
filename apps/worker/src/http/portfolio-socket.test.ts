/**
 * The portfolio WebSocket over the worker's HTTP server with a real `ws` client, its data stubbed: who may
 * watch whom, one message on connecting and one per change (a burst folded), failures that close nothing.
 * The path through Kafka, Postgres and the analytics is portfolio-stream.integration.test.ts.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { createLogger } from "@nexus/platform/logger";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startHealthServer } from "./health-server.js";
import type { HealthServer } from "./health-server.js";
import { createPortfolioSocket, watchedUser } from "./portfolio-socket.js";
import type { PortfolioSocket, PortfolioSocketOptions, SocketCaller } from "./portfolio-socket.js";

const alice = randomUUID();
const bob = randomUUID();
const logger = createLogger({ name: "portfolio-socket-test", level: "silent" });

describe("watchedUser", () => {
  const trader: SocketCaller = { kind: "user", id: alice, role: "trader" };
  it.each([
    ["a trader, their own book by default", trader, null, { ok: true, userId: alice }],
    ["a trader naming themselves", trader, alice, { ok: true, userId: alice }],
    ["a trader naming another", trader, bob, { ok: false, status: 403 }],
    ["compliance naming anyone", { kind: "user", id: bob, role: "compliance" }, alice, { ok: true }],
    ["admin naming anyone", { kind: "user", id: bob, role: "admin" }, alice, { ok: true }],
    ["ops, even its own id", { kind: "user", id: bob, role: "ops" }, null, { ok: false, status: 403 }],
    [
      "a key with portfolio:read naming a user",
      { kind: "service", scopes: ["portfolio:read"] },
      alice,
      { ok: true },
    ],
    [
      "a key with portfolio:read naming nobody",
      { kind: "service", scopes: ["portfolio:read"] },
      null,
      { ok: false, status: 400 },
    ],
    [
      "a key without portfolio:read",
      { kind: "service", scopes: ["routing:read"] },
      alice,
      { ok: false, status: 403 },
    ],
    [
      "anyone naming a malformed id",
      { kind: "user", id: bob, role: "admin" },
      "1 or 1=1",
      { ok: false, status: 400 },
    ],
  ] as const)("%s", (_case, caller, asked, expected) => {
    expect(watchedUser(caller, asked)).toMatchObject(expected);
  });
});

describe("the portfolio socket", () => {
  let http: HealthServer | undefined;
  let socket: PortfolioSocket | undefined;
  const clients: WebSocket[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.terminate();
    await socket?.close();
    await http?.close();
    socket = undefined;
    http = undefined;
  });

  /** Changes announced by the test, as the positions channel would. */
  let announce: (userId: string) => void = () => undefined;
  const start = async (overrides: Partial<PortfolioSocketOptions> = {}) => {
    socket = createPortfolioSocket({
      authenticate: (request: IncomingMessage) =>
        Promise.resolve(
          request.headers.authorization === "Bearer alice"
            ? { kind: "user", id: alice, role: "trader" }
            : null,
        ),
      metrics: (userId) => Promise.resolve({ type: "portfolio.metrics", userId }),
      onPositionsChanged: (listener) => {
        announce = listener;
        return Promise.resolve(() => Promise.resolve());
      },
      logger,
      ...overrides,
    });
    const upgrade = socket.handleUpgrade;
    http = await startHealthServer({
      port: 0,
      host: "127.0.0.1",
      checks: {},
      renderMetrics: async () => ({ contentType: "text/plain", body: "" }),
      upgrade,
    });
    return http.port;
  };

  /** A client and the messages it receives, parsed. */
  const connect = (port: number, headers: Record<string, string>, query = "", path = "/ws/portfolio") => {
    const client = new WebSocket(`ws://127.0.0.1:${port}${path}${query}`, { headers });
    clients.push(client);
    // A refused or terminated handshake reports an error; each test asserts what it expects instead.
    client.on("error", () => undefined);
    const received: unknown[] = [];
    client.on("message", (data: Buffer) => received.push(JSON.parse(data.toString())));
    return { client, received };
  };

  const refusal = (client: WebSocket) =>
    new Promise<{ status: number | undefined; body: string }>((resolve) => {
      client.on("unexpected-response", (_request, response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode, body }));
      });
    });

  const until = async (what: string, probe: () => boolean) => {
    const deadline = Date.now() + 2_000;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it("sends the user's metrics on connecting and again on each change of their positions only", async () => {
    const port = await start();
    const { received } = connect(port, { authorization: "Bearer alice" });
    await until("the first message", () => received.length === 1);
    expect(received[0]).toEqual({ type: "portfolio.metrics", userId: alice });
    expect(socket?.connections()).toBe(1);

    announce(bob);
    announce(alice);
    await until("the change", () => received.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(2);
  });

  it("folds changes arriving during a computation into one more round", async () => {
    let computations = 0;
    let release: () => void = () => undefined;
    const port = await start({
      metrics: async (userId) => {
        computations += 1;
        if (computations === 2) await new Promise<void>((resolve) => (release = resolve));
        return { userId, computations };
      },
    });
    const { received } = connect(port, { authorization: "Bearer alice" });
    await until("the first message", () => received.length === 1);
    announce(alice); // second computation, held
    await until("the held computation", () => computations === 2);
    announce(alice);
    announce(alice);
    announce(alice);
    release();
    await until("the folded round", () => received.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(computations).toBe(3);
  });

  it("refuses without valid credentials (401), a user the caller may not watch (403) or another path (404), before the upgrade", async () => {
    const port = await start();
    const anonymous = refusal(connect(port, {}).client);
    expect(await anonymous).toEqual({
      status: 401,
      body: "sign in, or present an API key as Authorization: Bearer\n",
    });
    const other = refusal(connect(port, { authorization: "Bearer alice" }, `?user=${bob}`).client);
    expect(await other).toEqual({ status: 403, body: "traders may watch only their own portfolio\n" });
    const elsewhere = refusal(connect(port, { authorization: "Bearer alice" }, "", "/ws/alerts").client);
    expect(await elsewhere).toEqual({ status: 404, body: "no WebSocket at /ws/alerts\n" });
    expect(socket?.connections()).toBe(0);
  });

  it("keeps the socket open when a computation fails, and sends the next one", async () => {
    let fail = false;
    const port = await start({
      metrics: (userId) => (fail ? Promise.reject(new Error("database away")) : Promise.resolve({ userId })),
    });
    const { client, received } = connect(port, { authorization: "Bearer alice" });
    await until("the first message", () => received.length === 1);
    fail = true;
    announce(alice);
    await new Promise((resolve) => setTimeout(resolve, 50));
    fail = false;
    announce(alice);
    await until("the next message", () => received.length === 2);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it("tries LISTEN again on the next connection when it failed, closing the failed one", async () => {
    let attempts = 0;
    const port = await start({
      onPositionsChanged: (listener) => {
        attempts += 1;
        announce = listener;
        return attempts === 1
          ? Promise.reject(new Error("database away"))
          : Promise.resolve(() => Promise.resolve());
      },
    });
    const first = connect(port, { authorization: "Bearer alice" }).client;
    await new Promise((resolve) => first.on("close", resolve));
    const { received } = connect(port, { authorization: "Bearer alice" });
    await until("the first message", () => received.length === 1);
    expect(attempts).toBe(2);
  });

  it("pings open sockets so idle connections survive proxies", async () => {
    const port = await start({ heartbeatMs: 20 });
    const { client } = connect(port, { authorization: "Bearer alice" });
    await new Promise((resolve) => client.once("ping", resolve));
  });

  it("forgets a user when their last socket closes", async () => {
    let computations = 0;
    const port = await start({
      metrics: (userId) => {
        computations += 1;
        return Promise.resolve({ userId });
      },
    });
    const { client, received } = connect(port, { authorization: "Bearer alice" });
    await until("the first message", () => received.length === 1);
    client.close();
    await until("the close", () => socket?.connections() === 0);
    announce(alice);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(computations).toBe(1);
  });
});

describe("the worker's HTTP server without a WebSocket handler", () => {
  it("answers an upgrade request 404", async () => {
    const http = await startHealthServer({
      port: 0,
      host: "127.0.0.1",
      checks: {},
      renderMetrics: async () => ({ contentType: "text/plain", body: "" }),
    });
    const client = new WebSocket(`ws://127.0.0.1:${http.port}/ws/portfolio`);
    client.on("error", () => undefined);
    const status = await new Promise<number | undefined>((resolve) =>
      client.on("unexpected-response", (_request, response) => resolve(response.statusCode)),
    );
    expect(status).toBe(404);
    client.terminate();
    await http.close();
  });
});
