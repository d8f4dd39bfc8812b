/**
 * The portfolio WebSocket as another client uses it: the worker as it runs in production (real Kafka,
 * Postgres, Redis), a `ws` client signed in with a session cookie or an API key. A trade for the user
 * reaches the socket as a `portfolio.metrics` message once it commits; a trader asking for another user's
 * book, a bad key and a key without `portfolio:read` are refused before the upgrade.
 */
import { createHash, randomUUID } from "node:crypto";
import { Kafka, Partitioners, logLevel } from "kafkajs";
import type { Producer } from "kafkajs";
import { createApiKey, createSession, createUser } from "@nexus/db/queries/auth";
import { listPositions } from "@nexus/db/queries/portfolio";
import { openTestSchema } from "@nexus/db/testing";
import { createLogger } from "@nexus/platform/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { KAFKA_BROKERS, testWorkerEnv, untilGroupJoined, waitFor } from "../../test/services.js";
import type { RunningWorker } from "../service.js";
import { startWorker } from "../service.js";
import type { PortfolioMetricsMessage } from "./portfolio-metrics.js";
import { tradeMessage } from "../../test/fixtures/trade-message.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const logger = createLogger({ name: "portfolio-stream-it", level: "warn" });
const db = openTestSchema("worker_portfolio_stream_it");
const kafka = new Kafka({
  clientId: "portfolio-stream-it",
  brokers: KAFKA_BROKERS.split(","),
  logLevel: logLevel.NOTHING,
});
let producer: Producer;
let worker: RunningWorker;
const sockets: WebSocket[] = [];

const sha256 = (secret: string) => createHash("sha256").update(secret).digest("hex");
const dealer = randomUUID();
let trader = "";
let otherTrader = "";
const traderCookie = `nexus_session=${randomUUID()}`;
const otherCookie = `nexus_session=${randomUUID()}`;
const readerKey = `nxk_${randomUUID().replaceAll("-", "")}`;
const routingKey = `nxk_${randomUUID().replaceAll("-", "")}`;

async function signedInTrader(cookie: string): Promise<string> {
  const user = await createUser(db.db, {
    email: `${randomUUID()}@example.com`,
    name: "Trader",
    role: "trader",
    passwordHash: "not used",
  });
  await createSession(db.db, {
    tokenHash: sha256(cookie.slice("nexus_session=".length)),
    userId: user.id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return user.id;
}

/** A client of /ws/portfolio with these headers, and the messages it receives. */
function open(headers: Record<string, string>, query = "") {
  const socket = new WebSocket(`ws://127.0.0.1:${worker.httpPort}/ws/portfolio${query}`, { headers });
  sockets.push(socket);
  socket.on("error", () => undefined); // a refused handshake: the test reads the response instead
  const messages: Array<{ message: PortfolioMetricsMessage; at: number }> = [];
  socket.on("message", (data: Buffer) =>
    messages.push({ message: JSON.parse(data.toString()) as PortfolioMetricsMessage, at: Date.now() }),
  );
  return { socket, messages };
}

const refusedWith = (socket: WebSocket) =>
  new Promise<number | undefined>((resolve) =>
    socket.on("unexpected-response", (_request, response) => resolve(response.statusCode)),
  );

beforeAll(async () => {
  worker = await startWorker({
    env: testWorkerEnv({
      NEXUS_DB_SCHEMA: db.schema,
      INGEST_GROUP_ID: `portfolio-stream-it-${randomUUID()}`,
      REDIS_URL,
    }),
    logger,
  });
  trader = await signedInTrader(traderCookie);
  otherTrader = await signedInTrader(otherCookie);
  await createApiKey(db.db, {
    name: "risk dashboard",
    prefix: readerKey.slice(0, 8),
    keyHash: sha256(readerKey),
    scopes: ["portfolio:read"],
  });
  await createApiKey(db.db, {
    name: "router",
    prefix: routingKey.slice(0, 8),
    keyHash: sha256(routingKey),
    scopes: ["routing:route"],
  });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await untilGroupJoined(async () => {
    const probeBuyer = randomUUID();
    await producer.send({
      topic: "trades.executed",
      messages: [tradeMessage("AAPL", "1", "150", probeBuyer, dealer)],
    });
    return async () => (await listPositions(db.db, probeBuyer)).length === 1;
  });
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await producer?.disconnect();
  await worker?.stop();
  await db.close();
});

describe("the portfolio WebSocket", () => {
  it("pushes a trader's refreshed summary and VaR once the trade commits, to their session and to a portfolio:read key", async () => {
    const own = open({ cookie: traderCookie });
    const service = open({ authorization: `Bearer ${readerKey}` }, `?user=${trader}`);
    // On connecting: the book as it is (nothing held yet, so VaR is refused with the engine's reason).
    await waitFor(async () => own.messages.length > 0 && service.messages.length > 0, {
      what: "the first messages",
    });
    expect(own.messages[0]?.message).toMatchObject({ type: "portfolio.metrics", userId: trader, var: null });
    expect(own.messages[0]?.message.varRefused).toEqual(expect.any(String));

    const sentAt = Date.now();
    await producer.send({
      topic: "trades.executed",
      messages: [tradeMessage("AAPL", "100", "150.25", trader, dealer)],
    });
    const pushed = await waitFor(
      async () =>
        own.messages.find(
          ({ message }) => (message.summary as { openPositions: number }).openPositions === 1,
        ),
      { timeoutMs: 5_000, intervalMs: 10, what: "the pushed metrics" },
    );
    // The push follows the commit (LISTEN), not a poll: well under 1 s on a quiet machine (137-318 ms
    // measured with the whole suite's load); the bound leaves room for a loaded CI runner, and still fails
    // a refresh on a timer of seconds.
    expect(pushed.at - sentAt).toBeLessThan(2_500);
    expect(pushed.message.summary).toMatchObject({ userId: trader, marketValue: "15025", openPositions: 1 });
    const methods = (pushed.message.var as Array<{ method: string; var: string }>).map(
      (result) => result.method,
    );
    expect(methods.sort()).toEqual(["cornish_fisher", "historical", "monte_carlo", "parametric"]);
    await waitFor(
      async () =>
        service.messages.some(
          ({ message }) => (message.summary as { openPositions: number }).openPositions === 1,
        ),
      { timeoutMs: 2_500, intervalMs: 10, what: "the service's copy" },
    );
  });

  it("refuses a trader asking for another user's portfolio (403)", async () => {
    expect(await refusedWith(open({ cookie: otherCookie }, `?user=${trader}`).socket)).toBe(403);
    // Their own book is open to them.
    const own = open({ cookie: otherCookie });
    await waitFor(async () => own.messages[0]?.message.userId === otherTrader, { what: "their own book" });
  });

  it("refuses an unknown key or session (401) and a key without portfolio:read (403)", async () => {
    expect(await refusedWith(open({ authorization: "Bearer nxk_not-a-key" }, `?user=${trader}`).socket)).toBe(
      401,
    );
    expect(await refusedWith(open({ cookie: "nexus_session=expired-or-forged" }).socket)).toBe(401);
    expect(await refusedWith(open({ authorization: `Bearer ${routingKey}` }, `?user=${trader}`).socket)).toBe(
      403,
    );
  });
});
