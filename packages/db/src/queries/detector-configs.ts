import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { detectorConfigs } from "../schema/index";

export type DetectorConfigRow = typeof detectorConfigs.$inferSelect;
export type NewDetectorConfig = Omit<typeof detectorConfigs.$inferInsert, "updatedAt">;

/**
 * The channel workers LISTEN on for changes to what surveillance runs with (detector settings,
 * reference data) and for scans requested through the API. NOTIFY inside the changing transaction is delivered on commit only, so a worker is
 * never told of a change that then rolls back (PostgreSQL docs, NOTIFY).
 */
export const SURVEILLANCE_CONFIG_CHANNEL = "nexus_surveillance_config";

export function listDetectorConfigs(db: Database): Promise<DetectorConfigRow[]> {
  return db.select().from(detectorConfigs);
}

/** The type's row, locked until the transaction ends (two editors cannot both read version n). */
export async function lockDetectorConfig(
  tx: Database,
  type: DetectorConfigRow["alertType"],
): Promise<DetectorConfigRow | undefined> {
  const [row] = await tx
    .select()
    .from(detectorConfigs)
    .where(eq(detectorConfigs.alertType, type))
    .for("update");
  return row;
}

export async function saveDetectorConfig(
  tx: Database,
  config: NewDetectorConfig,
): Promise<DetectorConfigRow> {
  const { alertType, ...values } = config;
  const [row] = await tx
    .insert(detectorConfigs)
    .values(config)
    .onConflictDoUpdate({ target: detectorConfigs.alertType, set: { ...values, updatedAt: sql`now()` } })
    .returning();
  if (row === undefined) throw new Error(`detector_configs upsert of ${alertType} returned no row`);
  return row;
}

/** What a notification on SURVEILLANCE_CONFIG_CHANNEL announces. */
export type SurveillanceConfigChange = "detector_configs" | "reference_data" | "scan_requested";

/** Tells listening workers, on commit, that `what` changed. */
export async function notifySurveillanceConfigChanged(
  tx: Database,
  what: SurveillanceConfigChange,
): Promise<void> {
  await tx.execute(sql`select pg_notify(${SURVEILLANCE_CONFIG_CHANNEL}, ${what})`);
}
