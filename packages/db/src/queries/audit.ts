import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog } from "../schema/index";

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = Omit<typeof auditLog.$inferInsert, "id">;

/** Appends one entry (audit_log accepts nothing else: UPDATE/DELETE/TRUNCATE are rejected by trigger). */
export async function appendAudit(db: Database, entry: NewAuditEntry): Promise<AuditEntry> {
  const [row] = await db.insert(auditLog).values(entry).returning();
  if (!row) throw new Error("audit_log insert returned no row");
  return row;
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
