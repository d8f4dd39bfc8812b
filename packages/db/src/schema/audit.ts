import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only record of every write a regulator may ask about (dispositions, threshold changes,
 * halts, venue configuration, sign-ins, key management). A trigger (migration
 * `audit_log_append_only`) rejects UPDATE, DELETE and TRUNCATE, so history cannot be rewritten
 * through the application's own connection (SEC Rule 17a-4 style retention).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** `user` (a person in the app), `service` (an API key) or `cli` (an operator at the `nexus` command) */
    actorType: text("actor_type").notNull(),
    /** user id, api key id or the operator's OS user name; null for system actions (e.g. the worker raising a halt). */
    actorId: text("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** Before/after values and context, as the reviewer needs them. */
    details: jsonb("details").notNull().default({}),
    ip: text("ip"),
  },
  (t) => [
    index("audit_log_occurred_at_idx").on(t.occurredAt),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);
