/**
 * The surveillance pipeline as deployed, on the real Kafka and Postgres: contract events produced by
 * another team's client become a stored alert, a surveillance.alerts message, a halt, a risk.halts
 * message and a call to the Risk service; the same events produced twice give one alert; a Risk
 * outage delays only the Risk call. Isolated by its own schema, group and fresh ids.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { Kafka, Partitioners, logLevel } from "kafkajs";
import type { Consumer, Producer } from "kafkajs";
import { TOPICS } from "@nexus/core/events";
import { openTestSchema } from "@nexus/db/testing";
import { createLogger } from "@nexus/platform/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOrderLine, withFreshEventId } from "../../test/fixtures/events.js";
import { messagesByTopic, selfTrade } from "../../test/fixtures/self-trade.js";
import { KAFKA_BROKERS, testWorkerEnv, untilGroupJoined, waitFor } from "../../test/services.js";
import type { RunningWorker } from "../service.js";
import { startWorker } from "../service.js";
import { persistEvents } from "../ingest/persist.js";
import { runNexusInProcess } from "../../test/nexus-in-process.js";

const db = openTestSchema("worker_surveillance_kafka_it");
const kafka = new Kafka({
  clientId: "surveillance-it",
  brokers: KAFKA_BROKERS.split(","),
  logLevel: logLevel.NOTHING,
});
let producer: Producer;
let listener: Consumer;
let worker: RunningWorker;
const published: Array<{ topic: string; value: Record<string, unknown> }> = [];
const riskCalls: Array<Record<string, unknown>> = [];
const notifications: Array<Record<string, unknown>> = [];
let riskUp = true;
const risk = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    if (request.url === "/alerts") notifications.push(JSON.parse(body) as Record<string, unknown>);
    else if (!riskUp) return void response.writeHead(503).end();
    else riskCalls.push(JSON.parse(body) as Record<string, unknown>);
    response.writeHead(202, { "content-type": "application/json" }).end("{}");
  });
});

const alertRows = (userId: string) =>
  db.sql<{ id: string; alert_type: string }[]>`
    select id, alert_type from ${db.sql(db.schema)}.surveillance_alerts where user_id = ${userId}`;
const messagesFor = (topic: string, userId: string) =>
  published.filter((entry) => entry.topic === topic && entry.value["user_id"] === userId);

async function produceAll(events: ReturnType<typeof selfTrade>["events"]) {
  // Trades first: a consumer of three topics may well see the fill before the orders.
  const byTopic = messagesByTopic(events);
  for (const topic of [TOPICS.tradesExecuted, TOPICS.ordersCreated])
    await producer.send({ topic, messages: byTopic.get(topic) ?? [] });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => risk.listen(0, "127.0.0.1", resolve));
  worker = await startWorker({
    env: testWorkerEnv({
      NEXUS_DB_SCHEMA: db.schema,
      INGEST_GROUP_ID: `surveillance-it-${randomUUID()}`,
      RISK_SERVICE_URL: `http://127.0.0.1:${(risk.address() as AddressInfo).port}`,
      NOTIFICATIONS_URL: `http://127.0.0.1:${(risk.address() as AddressInfo).port}`,
    }),
    logger: createLogger({ name: "surveillance-it", level: "error" }),
  });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  listener = kafka.consumer({ groupId: `surveillance-it-listener-${randomUUID()}` });
  await listener.connect();
  await listener.subscribe({ topics: [TOPICS.surveillanceAlerts, TOPICS.riskHalts], fromBeginning: false });
  await listener.run({
    eachMessage: async ({ topic, message }) => {
      published.push({
        topic,
        value: JSON.parse(message.value?.toString() ?? "{}") as Record<string, unknown>,
      });
    },
  });
  await untilGroupJoined(async () => {
    const probe = withFreshEventId(exampleOrderLine);
    await producer.send({ topic: TOPICS.ordersCreated, messages: [{ key: "AAPL", value: probe.line }] });
    return async () =>
      (await db.sql`select 1 from ${db.sql(db.schema)}.order_events where event_id = ${probe.eventId}`)
        .length > 0;
  });
}, 120_000);

afterAll(async () => {
  await listener?.disconnect();
  await producer?.disconnect();
  await worker?.stop();
  risk.close();
  await db.close();
});

describe("surveillance over Kafka", () => {
  it("produced events -> stored, published and notified alert, halt, risk.halts and the Risk call; produced twice -> one alert", async () => {
    const wash = selfTrade({ symbol: "KWASH", at: new Date().toISOString() });
    await produceAll(wash.events);
    const [row] = await waitFor(
      async () => {
        const rows = await alertRows(wash.userId);
        return rows.length > 0 ? rows : undefined;
      },
      { what: "the alert row" },
    );
    expect(row?.alert_type).toBe("wash_trading");
    await waitFor(async () => messagesFor(TOPICS.riskHalts, wash.userId).length > 0 || undefined, {
      what: "risk.halts",
    });
    expect(messagesFor(TOPICS.surveillanceAlerts, wash.userId)).toEqual([
      expect.objectContaining({
        value: expect.objectContaining({ alert_id: row?.id, alert_type: "wash_trading" }),
      }),
    ]);
    const [halt] = messagesFor(TOPICS.riskHalts, wash.userId);
    await waitFor(
      async () => riskCalls.some((call) => call["halt_id"] === halt?.value["halt_id"]) || undefined,
      {
        what: "the Risk service call",
      },
    );

    await waitFor(async () => notifications.some((sent) => sent["alert_id"] === row?.id) || undefined, {
      what: "the critical alert at the notifications service",
    });

    await produceAll(wash.events);
    // A marker produced after the duplicates and seen stored means the duplicates were consumed too.
    const marker = selfTrade({ symbol: "KWASH", at: new Date().toISOString() });
    await produceAll(marker.events);
    await waitFor(async () => (await alertRows(marker.userId)).length > 0 || undefined, {
      what: "the marker's alert",
    });
    expect(await alertRows(wash.userId)).toHaveLength(1);
    expect(messagesFor(TOPICS.surveillanceAlerts, wash.userId)).toHaveLength(1);
  }, 90_000);

  it("keeps detecting while the Risk service is down, and calls it once it is back", async () => {
    riskUp = false;
    const wash = selfTrade({ symbol: "KWASH2", at: new Date().toISOString() });
    await produceAll(wash.events);
    await waitFor(async () => (await alertRows(wash.userId)).length > 0 || undefined, {
      what: "the alert while Risk is down",
    });
    await waitFor(async () => messagesFor(TOPICS.riskHalts, wash.userId).length > 0 || undefined, {
      what: "risk.halts",
    });
    const haltId = messagesFor(TOPICS.riskHalts, wash.userId)[0]?.value["halt_id"];
    expect(riskCalls.some((call) => call["halt_id"] === haltId)).toBe(false);
    riskUp = true;
    await waitFor(async () => riskCalls.some((call) => call["halt_id"] === haltId) || undefined, {
      what: "the Risk call after the outage",
    });
  }, 90_000);

  it("fans a historical scan out by symbol to the worker group, which completes it", async () => {
    const flows = ["FANA", "FANB", "FANC"].map((symbol) =>
      selfTrade({ symbol, at: "2025-07-01T15:00:00.000Z" }),
    );
    for (const flow of flows) await persistEvents(db.db, flow.events);
    const run = await runNexusInProcess(["scan", "--from", "2025-07-01", "--to", "2025-07-02"], {
      env: { NEXUS_DB_SCHEMA: db.schema },
      operator: "analyst",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/completed: 3\/3 symbols, 9 events, 3 alerts/);
  }, 90_000);
});
