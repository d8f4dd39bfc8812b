/**
 * The embedded default's live flow (in-memory bus fed by the simulator) over a database that outlives the
 * worker, as `.nexus/` does between two `npm start`s: the second start must bring new events, not
 * replays of the first one's that the store drops as duplicates (the screens would stand still).
 */
import { createLogger } from "@nexus/platform/logger";
import { openTestSchema } from "@nexus/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { testWorkerEnv, waitFor } from "../test/services.js";
import { HOUSE_DESK_USER_ID } from "./routing/simulated-venues.js";
import { startWorker } from "./service.js";

const logger = createLogger({ name: "worker-test", level: "warn" });
const db = openTestSchema("worker_demo_it");

afterAll(async () => {
  await db.close();
});

const storedEvents = async (): Promise<number> => {
  const [row] = await db.sql<{ n: string }[]>`
    select (select count(*) from order_events) + (select count(*) from trade_events)
      + (select count(*) from quote_events) as n`;
  return Number(row?.n ?? 0);
};

/** The worker's count of delivered events it dropped as already stored (its /metrics). */
async function duplicatesDropped(httpPort: number): Promise<number> {
  const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const line = metrics.split("\n").find((row) => row.startsWith("nexus_ingest_duplicate_events_total"));
  return Number(line?.split(" ").at(-1) ?? Number.NaN);
}

/**
 * Starts the demo worker, lets it store at least `atLeast` events in all, stops it; the total stored and
 * how many of this run's events were dropped as duplicates of events already stored.
 */
async function runDemo(atLeast: number): Promise<{ stored: number; duplicates: number }> {
  const worker = await startWorker({
    env: testWorkerEnv({ KAFKA_BROKERS: "", NEXUS_DB_SCHEMA: db.schema, SIM_EVENTS_PER_SECOND: "2000" }),
    logger,
  });
  try {
    const stored = await waitFor(
      async () => {
        const count = await storedEvents();
        return count >= atLeast && count;
      },
      { what: `${atLeast} stored events` },
    );
    return { stored, duplicates: await duplicatesDropped(worker.httpPort) };
  } finally {
    await worker.stop();
  }
}

describe("the embedded demo", () => {
  it("brings new live flow after a restart over the same database, not replays of the last run", async () => {
    const first = await runDemo(500);
    const second = await runDemo(first.stored + 500);
    expect(second.stored).toBeGreaterThanOrEqual(first.stored + 500);
    expect(second.duplicates).toBe(0);
  });

  it("fills the compliance queue within a minute at the default rate, knowing the simulated desks and owners", async () => {
    const fresh = openTestSchema("worker_demo_alerts_it");
    const startedAt = performance.now();
    const worker = await startWorker({
      env: testWorkerEnv({ KAFKA_BROKERS: "", NEXUS_DB_SCHEMA: fresh.schema }),
      logger,
    });
    try {
      const [reference] = await fresh.sql<{ desks: string; makers: string; house: string }[]>`
        select (select count(distinct desk_id) from desk_members) as desks, (select count(*) from market_makers) as makers,
               (select count(*) from market_makers where user_id = ${HOUSE_DESK_USER_ID}) as house`;
      expect(Number(reference?.desks)).toBeGreaterThan(0);
      expect(Number(reference?.makers)).toBeGreaterThan(0);
      // The routed fills' counterparty on the internal venue only quotes: no round trips are paired with it.
      expect(Number(reference?.house)).toBe(1);
      const firstAlert = await waitFor(
        async () => {
          const [row] = await fresh.sql<{ alert_type: string }[]>`
            select alert_type from surveillance_alerts where scan_id is null limit 1`;
          return row;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: "a persisted alert" },
      );
      expect(firstAlert.alert_type).toEqual(expect.any(String));
      // How long it took, for the run's record (the tail of the Poisson wait is what fails this).
      console.log(
        `first live alert (${firstAlert.alert_type}) ${Math.round(performance.now() - startedAt)} ms after the start`,
      );
      expect(performance.now() - startedAt).toBeLessThan(60_000);
    } finally {
      await worker.stop();
      await fresh.close();
    }
  }, 90_000);
});
