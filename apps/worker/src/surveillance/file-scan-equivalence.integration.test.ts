/**
 * `nexus scan --file` on a recorded flow gives the alerts the live pipeline gives on the same events
 * (issue 10): the simulator's flow with manipulation of every kind is fed to the live stage in per-topic
 * batches, as ingest hands it over, and written to a file the CLI scans. Both end with one quiet event
 * per symbol ten minutes later, which releases every pattern still held back, so the comparison is not
 * about where the stream stops.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConsumedEvent, OrderEvent } from "@nexus/core/events";
import { topicOf } from "@nexus/core/events";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { InMemoryEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { createMetrics } from "@nexus/platform/metrics";
import { createMarketSimulator, loadSampleBars } from "@nexus/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexusInProcess } from "../../test/nexus-in-process.js";
import { persistEvents } from "../ingest/persist.js";
import { createSurveillanceMetrics } from "./surveillance-metrics.js";
import { SurveillanceStage } from "./surveillance-stage.js";

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("worker_file_scan_equivalence");
});
afterAll(async () => {
  await handle.close();
});

const START = Date.parse("2026-06-01T14:30:00.000Z");

/** One small resting order per symbol, `afterMs` past the last event: nothing to detect in it. */
function quietEnd(events: readonly ConsumedEvent[], afterMs: number): OrderEvent[] {
  const lastMs = Math.max(...events.map((event) => Date.parse(event.occurred_at)));
  const symbols = [...new Set(events.map((event) => event.symbol))].sort();
  return symbols.map((symbol) => ({
    event_id: randomUUID(),
    event_type: "order.created",
    occurred_at: new Date(lastMs + afterMs).toISOString(),
    order_id: randomUUID(),
    user_id: randomUUID(),
    symbol,
    side: "buy",
    order_type: "limit",
    price: "1.00",
    quantity: "1",
  }));
}

describe("nexus scan --file and the live pipeline", () => {
  it("raise the same alerts, with the same ids and update counts, on the same recorded flow", async () => {
    const simulator = createMarketSimulator({
      bars: loadSampleBars().bars,
      seed: 2024,
      startTime: START,
      eventsPerSecond: 400,
      manipulation: { intensity: 6 },
    });
    const flow = simulator.take(40_000);
    const events = [...flow, ...quietEnd(flow, 10 * 60_000)];
    const reference = simulator.referenceData();

    const stage = new SurveillanceStage({
      ports: { db: handle.db, bus: new InMemoryEventBus(), now: () => new Date() },
      reference,
      settings: [],
      holdMs: 50,
      rebuildWindowMs: 600_000,
      maxBacklog: 100_000,
      logger: createLogger({ name: "equivalence", level: "silent" }),
      metrics: createSurveillanceMetrics(createMetrics()),
    });
    // As ingest delivers them: batches of one topic at a time, so trades may come before their orders.
    for (let start = 0; start < events.length; start += 2_000) {
      const slice = events.slice(start, start + 2_000);
      for (const topic of [...new Set(slice.map(topicOf))].reverse())
        stage.accept(
          (
            await persistEvents(
              handle.db,
              slice.filter((event) => topicOf(event) === topic),
            )
          ).fresh,
        );
    }
    await stage.settle();
    await stage.stop();
    const live = await handle.sql<{ id: string; update_count: number; alert_type: string }[]>`
      select id::text, update_count, alert_type::text from ${handle.sql(handle.schema)}.surveillance_alerts order by id`;
    expect(new Set(live.map((row) => row.alert_type)).size).toBeGreaterThanOrEqual(4);

    const dir = await mkdtemp(join(tmpdir(), "nexus-equivalence-"));
    const file = join(dir, "flow.jsonl");
    const referenceFile = join(dir, "reference.json");
    const alertsOut = join(dir, "alerts.jsonl");
    await writeFile(file, events.map((event) => JSON.stringify(event)).join("\n"));
    await writeFile(
      referenceFile,
      JSON.stringify({
        related_accounts: reference.relatedAccounts,
        beneficial_owners: reference.beneficialOwners,
        desks: reference.desks.map((desk) => ({
          desk_id: desk.deskId,
          agency_users: desk.agencyUsers,
          principal_users: desk.principalUsers,
        })),
        market_makers: reference.marketMakers,
      }),
    );
    const run = await runNexusInProcess(
      ["scan", "--file", file, "--reference", referenceFile, "--alerts-out", alertsOut],
      {
        env: { KAFKA_BROKERS: "" },
      },
    );
    expect(run.code).toBe(0);
    const messages = (await readFile(alertsOut, "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { alert_id: string; evidence: { updates: number } });
    // The last message of each alert is its final state.
    const finalStates = new Map(messages.map((message) => [message.alert_id, message.evidence.updates]));
    expect([...finalStates].sort(([a], [b]) => (a < b ? -1 : 1))).toEqual(
      live.map((row) => [row.id, row.update_count]),
    );
  }, 120_000);
});
