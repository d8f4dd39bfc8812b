import { and, asc, desc, eq, lt } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog } from "../schema/index";

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = Omit<typeof auditLog.$inferInsert, "id">;

/**
 * Appends one entry (audit_log accepts nothing else: UPDATE/DELETE/TRUNCATE are rejected by trigger).
 * Alone, for an event that changes nothing else (a refused sign-in); a change to data goes through
 * `withAudit`, so the change and its record commit together.
 */
export async function appendAudit(db: Database, entry: NewAuditEntry): Promise<AuditEntry> {
  const [row] = await db.insert(auditLog).values(entry).returning();
  if (!row) throw new Error("audit_log insert returned no row");
  return row;
}

/**
 * Makes a change a regulator may ask about and appends its audit row in ONE transaction: both commit or
 * neither does, so no crash, lost connection or failed insert can leave a change without its record
 * (SEC Rule 17a-4 / FINRA 4511 books and records). `change` runs its queries on the transaction it is
 * given; `describe` builds the entry from its result (ids, before/after values). A `change` that throws
 * rolls back and records nothing.
 */
export function withAudit<T>(
  db: Database,
  change: (tx: Database) => Promise<T>,
  describe: (result: T) => NewAuditEntry,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await change(tx);
    await appendAudit(tx, describe(result));
    return result;
  });
}

/** Newest first; pass the last id seen as `beforeId` for the next page (keyset pagination). */
export function listAudit(
  db: Database,
  options: { limit: number; beforeId?: bigint; entityType?: string },
): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        options.beforeId === undefined ? undefined : lt(auditLog.id, options.beforeId),
        options.entityType === undefined ? undefined : eq(auditLog.entityType, options.entityType),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}

/** One entity's audit rows, oldest first (an alert's review history, a halt's lift). */
export function listAuditOf(
  db: Database,
  entity: { entityType: string; entityId: string },
): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entity.entityType), eq(auditLog.entityId, entity.entityId)))
    .orderBy(asc(auditLog.id));
}
