import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { portfolioSnapshots } from "../schema/index";

export type PortfolioSnapshot = typeof portfolioSnapshots.$inferSelect;
export type NewPortfolioSnapshot = Omit<typeof portfolioSnapshots.$inferInsert, "id" | "takenAt">;

/**
 * Writes the user's valuation of `asOfDate`, replacing one already taken that day: a job that runs again
 * (a restart, a second replica) leaves one row per user and date, the latest valuation.
 */
export async function upsertPortfolioSnapshot(db: Database, snapshot: NewPortfolioSnapshot): Promise<void> {
  const { userId: _user, asOfDate: _date, ...values } = snapshot;
  await db
    .insert(portfolioSnapshots)
    .values(snapshot)
    .onConflictDoUpdate({
      target: [portfolioSnapshots.userId, portfolioSnapshots.asOfDate],
      set: { ...values, takenAt: sql`now()` },
    });
}

/** The user's snapshots with as-of dates in [from, to], oldest first. */
export function listPortfolioSnapshots(
  db: Database,
  userId: string,
  range: { from?: string; to?: string } = {},
): Promise<PortfolioSnapshot[]> {
  return db
    .select()
    .from(portfolioSnapshots)
    .where(
      and(
        eq(portfolioSnapshots.userId, userId),
        range.from === undefined ? undefined : gte(portfolioSnapshots.asOfDate, range.from),
        range.to === undefined ? undefined : lte(portfolioSnapshots.asOfDate, range.to),
      ),
    )
    .orderBy(asc(portfolioSnapshots.asOfDate));
}

/**
 * The trader accounts to value: each trader with a position (a closed one keeps its realized P&L) or a
 * cash movement. Counterparties known only from the trade stream (the simulator's agents, a dealer) hold
 * positions but no account, and are left out.
 */
export async function listAccountHolders(db: Database): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select u.id from users u
    where u.role = 'trader'
      and (exists (select 1 from positions p where p.user_id = u.id)
        or exists (select 1 from cash_movements c where c.user_id = u.id))
    order by u.id`);
  return rows.map((row) => row.id);
}
