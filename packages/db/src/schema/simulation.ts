import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, jsonb, pgTable, smallint, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

/**
 * The admin's controls of the simulated session (pause, resume, speed): one row, written through the API
 * with its audit row and a NOTIFY, read by the worker that runs the simulator (the web server holds no
 * engine state). A worker starts with its own settings (`npm start -- --speed`) and follows a change made
 * after it started.
 */
export const simulationControls = pgTable(
  "simulation_controls",
  {
    id: smallint("id").primaryKey().default(1),
    paused: boolean("paused").notNull(),
    speed: doublePrecision("speed").notNull(),
    /** The admin who made the change (users.id). */
    updatedBy: text("updated_by"),
    updatedAt: timestamptz("updated_at").notNull(),
  },
  (t) => [
    check("simulation_controls_single_row", sql`${t.id} = 1`),
    check("simulation_controls_speed", sql`${t.speed} between 1 and 100`),
  ],
);

/**
 * What each running worker reports every second for the web app's status bar: its ingest rate and lag,
 * and the simulated session it runs, if any. A row not refreshed for a few seconds is a worker gone.
 */
export const workerStatus = pgTable("worker_status", {
  workerId: text("worker_id").primaryKey(),
  updatedAt: timestamptz("updated_at").notNull(),
  /** Events stored per second over the last 10 s. */
  ingestEventsPerSecond: doublePrecision("ingest_events_per_second").notNull(),
  /** Messages published and not yet committed by this worker's ingest (Kafka consumer lag, or the in-memory bus's backlog). */
  ingestLag: bigint("ingest_lag", { mode: "number" }).notNull(),
  /** Where its events come from: `kafka`, or `in-memory` (the embedded default). */
  bus: text("bus").notNull(),
  /** The simulated session this worker runs (SimulationState), or null. */
  simulation: jsonb("simulation"),
});
