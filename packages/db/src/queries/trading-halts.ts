import { and, asc, desc, eq, gte, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { tradingHalts } from "../schema/index";

export type HaltRow = typeof tradingHalts.$inferSelect;
export type HaltScope = HaltRow["scope"];

export interface NewHalt {
  scope: HaltScope;
  userId: string | null;
  symbol: string | null;
  reason: string;
  alertId: string | null;
  /** Null when the worker raised it on a critical alert. */
  haltedBy: string | null;
  haltedAt: Date;
}

/**
 * Raises a halt unless one is already active on the same target (the partial unique index
 * trading_halts_one_active_per_target): returns the new row, or undefined when the target was already
 * halted, so a critical alert delivered twice halts once and publishes once.
 */
export async function insertHaltUnlessActive(db: Database, halt: NewHalt): Promise<HaltRow | undefined> {
  const [row] = await db.insert(tradingHalts).values(halt).onConflictDoNothing().returning();
  return row;
}

export async function findHalt(db: Database, id: string): Promise<HaltRow | undefined> {
  const [row] = await db.select().from(tradingHalts).where(eq(tradingHalts.id, id));
  return row;
}

/** Lifts an active halt; undefined when it is not active (already lifted, or no such halt). */
export async function liftActiveHalt(
  db: Database,
  lift: { id: string; liftedBy: string; liftReason: string; liftedAt: Date },
): Promise<HaltRow | undefined> {
  const [row] = await db
    .update(tradingHalts)
    .set({
      status: "lifted",
      liftedBy: lift.liftedBy,
      liftReason: lift.liftReason,
      liftedAt: lift.liftedAt,
      // The lift is news too: the worker's announcer publishes it and tells the Risk service.
      riskNotifiedAt: null,
    })
    .where(and(eq(tradingHalts.id, lift.id), eq(tradingHalts.status, "active")))
    .returning();
  return row;
}

/** Active halts, newest first. */
export function listActiveHalts(db: Database): Promise<HaltRow[]> {
  return db
    .select()
    .from(tradingHalts)
    .where(eq(tradingHalts.status, "active"))
    .orderBy(desc(tradingHalts.haltedAt));
}

/** Halts in force and those lifted since `liftedSince`, newest first. */
export function listRecentHalts(db: Database, liftedSince: Date): Promise<HaltRow[]> {
  return db
    .select()
    .from(tradingHalts)
    .where(or(eq(tradingHalts.status, "active"), gte(tradingHalts.liftedAt, liftedSince)))
    .orderBy(desc(tradingHalts.haltedAt));
}

/** Halts (or lifts) not yet announced (risk.halts and the Risk service), oldest first. */
export function listHaltsToAnnounce(db: Database, limit: number): Promise<HaltRow[]> {
  return db
    .select()
    .from(tradingHalts)
    .where(sql`${tradingHalts.riskNotifiedAt} is null`)
    .orderBy(asc(tradingHalts.haltedAt))
    .limit(limit);
}

/** Records that the halt was announced in the state it was sent in (active or lifted): a lift made meanwhile stays pending. */
export async function markHaltAnnounced(
  db: Database,
  ack: { id: string; status: HaltRow["status"]; at: Date },
): Promise<void> {
  await db
    .update(tradingHalts)
    .set({ riskNotifiedAt: ack.at })
    .where(and(eq(tradingHalts.id, ack.id), eq(tradingHalts.status, ack.status)));
}
