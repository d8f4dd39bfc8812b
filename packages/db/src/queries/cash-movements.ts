import { toDecimal } from "@nexus/core/money";
import type { Decimal } from "@nexus/core/money";
import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cashMovements } from "../schema/index";

/** A deposit adds to cash, a withdrawal takes from it. */
const signedAmount = sql`case when ${cashMovements.kind} = 'deposit' then ${cashMovements.amount} else -${cashMovements.amount} end`;

export type CashMovement = typeof cashMovements.$inferSelect;
export type NewCashMovement = Omit<typeof cashMovements.$inferInsert, "id" | "createdAt">;

/** Records one deposit or withdrawal (in the caller's transaction, beside its audit row). */
export async function insertCashMovement(db: Database, movement: NewCashMovement): Promise<CashMovement> {
  const [row] = await db.insert(cashMovements).values(movement).returning();
  if (!row) throw new Error("cash_movements insert returned no row");
  return row;
}

/** A user's movements, newest effective date first. */
export function listCashMovements(db: Database, userId: string, limit = 200): Promise<CashMovement[]> {
  return db
    .select()
    .from(cashMovements)
    .where(eq(cashMovements.userId, userId))
    .orderBy(desc(cashMovements.effectiveDate), desc(cashMovements.createdAt))
    .limit(limit);
}

/** Deposits less withdrawals of the user up to and including `through` (all of them when not given). */
export async function netCashMovements(db: Database, userId: string, through?: string): Promise<Decimal> {
  const [row] = await db
    .select({ net: sql<string>`coalesce(sum(${signedAmount}), 0)::text` })
    .from(cashMovements)
    .where(
      and(
        eq(cashMovements.userId, userId),
        through === undefined ? undefined : lte(cashMovements.effectiveDate, through),
      ),
    );
  return toDecimal(row?.net ?? "0");
}

/** The net flow of each effective date in [from, to], by date ascending (days without a movement absent). */
export async function dailyNetCashFlows(
  db: Database,
  userId: string,
  range: { from?: string; to?: string },
): Promise<Map<string, Decimal>> {
  const rows = await db
    .select({ date: cashMovements.effectiveDate, net: sql<string>`sum(${signedAmount})::text` })
    .from(cashMovements)
    .where(
      and(
        eq(cashMovements.userId, userId),
        range.from === undefined ? undefined : gte(cashMovements.effectiveDate, range.from),
        range.to === undefined ? undefined : lte(cashMovements.effectiveDate, range.to),
      ),
    )
    .groupBy(cashMovements.effectiveDate)
    .orderBy(asc(cashMovements.effectiveDate));
  return new Map(rows.map((row) => [row.date, toDecimal(row.net)]));
}
