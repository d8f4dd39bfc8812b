/**
 * What the worker's integration tests share: the real Postgres and Kafka they run against, a fresh
 * polling, and a TCP proxy that can cut a
 * connection to simulate an unreachable database.
 */
import net from "node:net";
import { parseEnv } from "@nexus/platform/env";
import { workerEnvSchema } from "../src/env.js";
import type { WorkerEnv } from "../src/env.js";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? "127.0.0.1:9092";

/**
 * The worker's env for a test: real services, its own schema and consumer group, any free HTTP port.
 * As in a shell, `VAR: ""` means unset (e.g. `KAFKA_BROKERS: ""` for the in-memory bus).
 */
export function testWorkerEnv(overrides: Record<string, string>): WorkerEnv {
  const parsed = parseEnv(workerEnvSchema, {
    DATABASE_URL: TEST_DATABASE_URL,
    KAFKA_BROKERS,
    WORKER_PORT: "0",
    LOG_LEVEL: "warn",
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.env;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 30_000, intervalMs = 200, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * A new consumer group starts at the end of the log once it has joined: keeps sending a probe (which
 * answers how to tell it was stored) until one is stored, so that nothing produced afterwards can fall
 * before the group's starting offset.
 */
export async function untilGroupJoined(sendProbe: () => Promise<() => Promise<boolean>>): Promise<void> {
  await waitFor(
    async () => {
      const stored = await sendProbe();
      return waitFor(async () => (await stored()) || undefined, { timeoutMs: 3_000 }).catch(() => false);
    },
    { timeoutMs: 60_000, intervalMs: 0, what: "the consumer group to join" },
  );
}

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
}

/** Forwards 127.0.0.1:<port> to `target`; `cut()` makes the target unreachable through it. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy did not bind a TCP port");
  const port = address.port;
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    restore: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
  };
}
