/**
 * routing.report606.quarter_ms (issue 13): the Rule 606(a)(1) report of a quarter of 1,000,000
 * executions, read from routing_decisions and execution_logs in Postgres, built and written as the SEC
 * schema's XML — what `nexus report 606a1` and the 606 screen's download do. The median of three runs
 * after one warm-up, on a fresh schema seeded with SQL (bench only; the seed is not timed).
 */
import { heldOrderReportXml } from "@nexus/core/reports";
import { createTestDatabase } from "@nexus/db/testing";
import { loadHeldOrderReport } from "@nexus/services/reports";
import { seedRoutedOrders, seedVenues } from "@nexus/services/reports/testing";
import { sql } from "drizzle-orm";
import type { BenchResult, BenchServices } from "./types.js";

const EXECUTIONS = 1_000_000;
const TARGET_MS = 5_000;
const RUNS = 3;

const databaseUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const services: BenchServices = { postgres: databaseUrl };

const log = (message: string) => process.stderr.write(`bench report606: ${message}\n`);

export default async function bench(): Promise<BenchResult[]> {
  const db = await createTestDatabase("bench_report606");
  try {
    const seeded = performance.now();
    await seedVenues(db.db);
    await seedRoutedOrders(db.db, {
      from: new Date("2016-04-01T00:00:00Z"),
      to: new Date("2016-07-01T00:00:00Z"),
      orders: EXECUTIONS,
      customers: ["0b6c3f7e-7a39-4b2c-9d0a-2f1f0a6b9c01", "0b6c3f7e-7a39-4b2c-9d0a-2f1f0a6b9c02"],
    });
    await db.db.execute(sql`analyze`);
    log(`seeded ${EXECUTIONS} orders and executions in ${Math.round(performance.now() - seeded)} ms`);
    const quarter = { year: 2016, quarter: 2 as const };
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      const report = await loadHeldOrderReport(db.db, quarter, { now: new Date() });
      const xml = heldOrderReportXml(report);
      const elapsed = performance.now() - started;
      if (run > 0) times.push(elapsed);
      log(
        `run ${run}${run === 0 ? " (warm-up)" : ""}: ${Math.round(elapsed)} ms, ${xml.length} bytes of XML`,
      );
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    return [
      {
        name: "routing.report606.quarter_ms",
        value: Math.round(median),
        unit: "ms",
        target: TARGET_MS,
        better: "lower",
      },
    ];
  } finally {
    await db.close();
  }
}
