/**
 * A bad message never stalls a partition, against the real Kafka broker and Postgres: one bad event
 * among 10,000 costs exactly that event (dead-lettered with its reason), the partition's lag returns to
 * 0 and /readyz stays 200 all along; a database that goes away is waited for, with nothing
 * dead-lettered, /readyz naming the stalled partitions meanwhile, and everything stored once it is back.
 *
 * Topic names are the contract's, shared with other test files: this one isolates itself by its own
 * consumer groups, its own Postgres schema and fresh event ids, and asserts only on its own events.
 */
import { randomUUID } from "node:crypto";
import { Kafka, Partitioners, logLevel } from "kafkajs";
import type { Producer } from "kafkajs";
import { openTestSchema } from "@nexus/db/testing";
import { createLogger } from "@nexus/platform/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLettersOf } from "../../test/dead-letters.js";
import { orderMessage } from "../../test/fixtures/events.js";
import {
  KAFKA_BROKERS,
  TEST_DATABASE_URL,
  startTcpProxy,
  testWorkerEnv,
  untilGroupJoined,
  waitFor,
} from "../../test/services.js";
import type { RunningWorker } from "../service.js";
import { startWorker } from "../service.js";

const logger = createLogger({ name: "worker-bad-messages-test", level: "silent" });
const db = openTestSchema("worker_bad_messages_it");
const schema = db.schema;
const kafka = new Kafka({
  clientId: "worker-it-bad-messages",
  brokers: KAFKA_BROKERS.split(","),
  logLevel: logLevel.NOTHING,
});
const SYMBOLS = ["AAPL", "MSFT", "GOOG", "AMZN", "IBM", "XOM"];
/** The one account id the test schema's constraint refuses (see beforeAll). */
const REFUSED_ACCOUNT = "REFUSED-BY-DATABASE";
let producer: Producer;

const produce = async (messages: { key: string; value: string }[]) => {
  // Chunks keep each partition's record batch well under the broker's 1 MiB message limit.
  for (let start = 0; start < messages.length; start += 1000)
    await producer.send({ topic: "orders.created", messages: messages.slice(start, start + 1000) });
};

/** `count` valid orders spread over six symbols (so several partitions), with fresh event ids. */
const validOrders = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    orderMessage({ symbol: SYMBOLS[index % SYMBOLS.length] ?? "AAPL" }),
  );

const storedOf = async (eventIds: readonly string[]): Promise<number> => {
  const [row] = await db.sql<{ n: string }[]>`
    select count(*) as n from order_events where event_id = any(${eventIds}::uuid[])`;
  return Number(row?.n ?? 0);
};

const scrape = async (worker: RunningWorker) =>
  (await fetch(`http://127.0.0.1:${worker.httpPort}/metrics`)).text();
const readyz = async (worker: RunningWorker) => {
  const response = await fetch(`http://127.0.0.1:${worker.httpPort}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** The worker's lag on every orders.created partition it holds, from /metrics. */
const ordersLag = async (worker: RunningWorker): Promise<number[]> =>
  [
    ...(await scrape(worker)).matchAll(
      /^nexus_ingest_consumer_lag_messages\{[^}]*topic="orders\.created"[^}]*\} (\d+)$/gm,
    ),
  ].map((match) => Number(match[1]));
const caughtUp = async (worker: RunningWorker) => {
  const lags = await ordersLag(worker);
  return lags.length > 0 && lags.every((lag) => lag === 0);
};

/** Polls /readyz every 100 ms until stopped; answers every status it saw that was not 200. */
const watchReadiness = (worker: RunningWorker) => {
  const notReady: unknown[] = [];
  let polls = 0;
  let watching = true;
  const loop = (async () => {
    while (watching) {
      const { status, body } = await readyz(worker);
      polls += 1;
      if (status !== 200) notReady.push(body);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await loop;
      return { notReady, polls };
    },
  };
};

const startTestWorker = async (databaseUrl: string, stallAfterMs = 30_000): Promise<RunningWorker> => {
  const worker = await startWorker({
    env: testWorkerEnv({
      DATABASE_URL: databaseUrl,
      NEXUS_DB_SCHEMA: schema,
      INGEST_GROUP_ID: `worker-it-bad-messages-${randomUUID()}`,
      INGEST_STALL_AFTER_MS: String(stallAfterMs),
    }),
    logger,
  });
  await untilGroupJoined(async () => {
    const probe = orderMessage();
    await produce([probe.message]);
    return async () => (await storedOf([probe.eventId])) === 1;
  });
  return worker;
};

beforeAll(async () => {
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await db.close();
});

describe("one bad event among 10,000", () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startTestWorker(TEST_DATABASE_URL);
    // Once the decoder refuses NUL and year 0, no event that decodes is refused by the shipped schema.
    // A constraint of this test schema's own stands for any rule the decoder cannot know (a DBA's
    // constraint, a column narrowed later): a real Postgres refusal (SQLSTATE 23514) of one real event.
    await db.sql.unsafe(
      `alter table order_events add constraint order_events_refused_account check (account_id <> '${REFUSED_ACCOUNT}')`,
    );
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
  });

  it.each([
    {
      bad: "a string holding U+0000",
      fields: { account_id: "ACCT\u00007" },
      reason: "account_id: expected no control character or unpaired surrogate, found U+0000",
      cause: "undecodable",
    },
    {
      bad: "an event Postgres refuses",
      fields: { account_id: REFUSED_ACCOUNT },
      reason: 'new row for relation "order_events" violates check constraint "order_events_refused_account"',
      cause: "refused",
    },
  ])(
    "$bad: 9,999 rows, one dead letter with the reason, lag back to 0, ready throughout",
    async ({ fields, reason, cause }) => {
      const valid = validOrders(9_999);
      const bad = orderMessage({ ...fields, symbol: "AAPL" });
      const messages = valid.map((order) => order.message);
      messages.splice(5_000, 0, bad.message);
      const validIds = valid.map((order) => order.eventId);

      const readiness = watchReadiness(worker);
      await produce(messages);
      await waitFor(async () => (await storedOf(validIds)) === 9_999, {
        timeoutMs: 120_000,
        what: "9,999 rows",
      });
      await waitFor(() => caughtUp(worker), { timeoutMs: 60_000, what: "lag back to 0" });
      const { notReady, polls } = await readiness.stop();

      expect(notReady).toEqual([]);
      expect(polls).toBeGreaterThan(0);
      expect(await storedOf([bad.eventId])).toBe(0);
      const deadLetters = await deadLettersOf(
        kafka,
        "orders.created.dlq",
        new Set([...validIds, bad.eventId]),
      );
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]?.value).toBe(bad.message.value);
      expect(deadLetters[0]?.headers).toMatchObject({
        error: reason,
        "source-topic": "orders.created",
        "source-offset": expect.stringMatching(/^\d+$/),
      });
      const metrics = await scrape(worker);
      expect(metrics).toMatch(
        new RegExp(
          `^nexus_ingest_dead_lettered_total\\{[^}]*topic="orders\\.created",cause="${cause}"[^}]*\\} [1-9]`,
          "m",
        ),
      );
      if (cause === "refused")
        expect(metrics).toMatch(/^nexus_ingest_failed_batches_total\{[^}]*outcome="split"[^}]*\} [1-9]/m);
    },
    240_000,
  );
});

describe("the database unreachable", () => {
  it("retries without dead-lettering, /readyz names the stalled partitions, and everything is stored once it is back", async () => {
    const url = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    const worker = await startTestWorker(url.toString(), 2_000);
    try {
      await proxy.cut();
      const orders = validOrders(600);
      const eventIds = orders.map((order) => order.eventId);
      await produce(orders.map((order) => order.message));

      const stalledReadiness = await waitFor(
        async () => {
          const { status, body } = await readyz(worker);
          return status === 503 && (body["failed"] as string[]).includes("ingest") ? body : undefined;
        },
        { what: "/readyz to report the stalled partitions" },
      );
      expect(stalledReadiness).toMatchObject({
        status: "not ready",
        // Unreachable reads as "failed" or, when the pool's connections hang on the cut, "timeout".
        checks: { db: expect.stringMatching(/^(failed|timeout)$/), ingest: "failed" },
        details: {
          ingest: {
            stalled: expect.arrayContaining([
              expect.objectContaining({ topic: "orders.created", partition: expect.any(Number) }),
            ]),
          },
        },
      });
      expect(await storedOf(eventIds)).toBe(0);

      await proxy.restore();
      await waitFor(async () => (await storedOf(eventIds)) === 600, { timeoutMs: 60_000, what: "600 rows" });
      await waitFor(() => caughtUp(worker), { what: "lag back to 0" });
      await waitFor(async () => (await readyz(worker)).status === 200, { what: "ready again" });

      expect(await deadLettersOf(kafka, "orders.created.dlq", new Set(eventIds))).toEqual([]);
      expect(await scrape(worker)).toMatch(
        /^nexus_ingest_failed_batches_total\{[^}]*outcome="retried"[^}]*\} [1-9]/m,
      );
    } finally {
      await worker.stop();
      await proxy.cut();
    }
  }, 180_000);
});
