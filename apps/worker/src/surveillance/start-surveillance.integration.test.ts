/**
 * A running worker's surveillance picks up what compliance changes: a detector settings change or a
 * reference data import reaches it through NOTIFY within 2 s (the poll is set far beyond that here,
 * so only the broadcast can deliver it); alerts stored while the bus refused their messages are
 * published by the outbox's rounds once it takes them again.
 */
import { randomUUID } from "node:crypto";
import { TOPICS } from "@nexus/core/events";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { InMemoryEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { createMetrics } from "@nexus/platform/metrics";
import { importReferenceData, startScan, updateDetectorSettings } from "@nexus/services/surveillance";
import { findScan } from "@nexus/db/queries/surveillance-scans";
import { selfTrade } from "../../test/fixtures/self-trade.js";
import { persistEvents } from "../ingest/persist.js";
import { SCAN_REQUEST_TOPIC, scanRequestMessages, subscribeScanRequests } from "./scan-requests.js";
import type { DetectorSettings } from "@nexus/services/surveillance";
import type { SurveillanceReferenceData } from "@nexus/core/surveillance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testWorkerEnv } from "../../test/services.js";
import { startSurveillance } from "./start-surveillance.js";

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("worker_surveillance_config_it");
});
afterAll(async () => {
  await handle.close();
});

describe("configuration reaching a running worker", () => {
  it("applies a threshold change and a reference import within 2 s of commit", async () => {
    const running = await startSurveillance({
      env: testWorkerEnv({ NEXUS_DB_SCHEMA: handle.schema, KAFKA_BROKERS: "" }),
      database: handle,
      bus: new InMemoryEventBus(),
      logger: createLogger({ name: "config-it", level: "silent" }),
      metrics: createMetrics(),
      pollMs: 600_000,
    });
    const applied: DetectorSettings[][] = [];
    const references: SurveillanceReferenceData[] = [];
    const useSettings = running.stage.useDetectorSettings.bind(running.stage);
    const useReference = running.stage.useReference.bind(running.stage);
    running.stage.useDetectorSettings = (settings) => (applied.push([...settings]), useSettings(settings));
    running.stage.useReference = (reference) => (references.push(reference), useReference(reference));
    try {
      const admin = {
        db: handle.db,
        actor: { actorType: "user" as const, actorId: randomUUID(), ip: null },
        now: new Date(),
      };
      const committedAt = performance.now();
      await updateDetectorSettings(admin, { type: "layering", enabled: false });
      while (applied.length === 0 && performance.now() - committedAt < 2_000)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(applied.at(-1)?.find((entry) => entry.type === "layering")).toMatchObject({
        enabled: false,
        version: 1,
      });

      const importedAt = performance.now();
      await importReferenceData(admin, { market_makers: ["mm-1"] });
      while (references.length === 0 && performance.now() - importedAt < 2_000)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(references.at(-1)?.marketMakers).toEqual(["mm-1"]);
    } finally {
      await running.stop();
    }
  });

  it("fans out a scan requested through the API: the worker claims it on NOTIFY and its group scans it", async () => {
    const bus = new InMemoryEventBus();
    const logger = createLogger({ name: "scan-it", level: "silent" });
    const running = await startSurveillance({
      env: testWorkerEnv({ NEXUS_DB_SCHEMA: handle.schema, KAFKA_BROKERS: "" }),
      database: handle,
      bus,
      logger,
      metrics: createMetrics(),
      pollMs: 600_000,
    });
    const scans = await subscribeScanRequests({ bus, db: handle.db, groupId: "scan-it", logger });
    try {
      for (const symbol of ["APIA", "APIB"])
        await persistEvents(handle.db, selfTrade({ symbol, at: "2025-08-01T15:00:00.000Z" }).events);
      const admin = {
        db: handle.db,
        actor: { actorType: "user" as const, actorId: randomUUID(), ip: null },
        now: new Date(),
      };
      // A request for a scan this database does not hold (another deployment on the broker) is skipped.
      await bus.publish(SCAN_REQUEST_TOPIC, scanRequestMessages(randomUUID(), ["APIA"]));
      const scan = await startScan(admin, { from: "2025-08-01", to: "2025-08-02" }, "workers");
      const deadline = performance.now() + 10_000;
      let latest = scan;
      while (latest.status === "running" && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        latest = (await findScan(handle.db, scan.id)) ?? latest;
      }
      expect(latest).toMatchObject({ status: "completed", symbolsDone: 2, alertsRaised: 2 });
      expect(latest.fannedOutAt).toBeInstanceOf(Date);
    } finally {
      await scans.stop();
      await running.stop();
    }
  });

  it("publishes the messages of alerts stored while the bus refused them, once it takes them again", async () => {
    const bus = new InMemoryEventBus();
    const publish = bus.publish.bind(bus);
    let down = true;
    bus.publish = async (topic, messages) => {
      if (down && topic === TOPICS.surveillanceAlerts) throw new Error("broker unreachable");
      return publish(topic, messages);
    };
    const published: string[] = [];
    const collector = await bus.subscribe({
      groupId: "outbox-it",
      topics: [TOPICS.surveillanceAlerts],
      fromBeginning: true,
      decode: (message) => ({ ok: true, value: Buffer.from(message.value).toString("utf8") }),
      handleBatch: async (deliveries) => void published.push(...deliveries.map((delivery) => delivery.value)),
    });
    const running = await startSurveillance({
      env: testWorkerEnv({ NEXUS_DB_SCHEMA: handle.schema, KAFKA_BROKERS: "" }),
      database: handle,
      bus,
      logger: createLogger({ name: "outbox-it", level: "silent" }),
      metrics: createMetrics(),
      pollMs: 50,
      alertOutboxGraceMs: 0,
    });
    const until = async <T>(value: () => Promise<T | undefined>, what: string): Promise<T> => {
      for (const deadline = performance.now() + 10_000; performance.now() < deadline;) {
        const found = await value();
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    try {
      const wash = selfTrade({ symbol: "OUTBOX1", at: "2025-08-04T15:00:00.000Z" });
      running.stage.accept((await persistEvents(handle.db, wash.events)).fresh);
      const waiting = await until(async () => {
        const [row] = await handle.sql<{ id: string; message: string | null }[]>`
          select id, unpublished_message as message from ${handle.sql(handle.schema)}.surveillance_alerts
           where user_id = ${wash.userId}`;
        return row;
      }, "the stored alert");
      expect(waiting.message).not.toBeNull();
      // Several rounds find the bus down meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(published).toEqual([]);
      down = false;
      await until(async () => (published.length > 0 ? true : undefined), "the published message");
      expect(published).toEqual([waiting.message]);
      await until(async () => {
        const [row] = await handle.sql<{ message: string | null }[]>`
          select unpublished_message as message from ${handle.sql(handle.schema)}.surveillance_alerts
           where id = ${waiting.id}`;
        return row?.message === null ? true : undefined;
      }, "the message marked published");
    } finally {
      await running.stop();
      await collector.stop();
    }
  });
});
