import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";

/*
 * Who is who, for surveillance (issue 10; core's SurveillanceReferenceData). Related account pairs are
 * in surveillance.ts (related_accounts). Ids are the ones the event contract carries (account_id,
 * user_id), kept as text because the reference file is written by people, not generated.
 */

/** account -> the person or entity that ultimately owns it (FinCEN CDD rule, 31 CFR 1010.230). */
export const beneficialOwners = pgTable(
  "beneficial_owners",
  {
    accountId: text("account_id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index("beneficial_owners_owner_idx").on(t.ownerId)],
);

export const deskRole = pgEnum("desk_role", ["agency", "principal"]);

/** The traders of one desk: agency users work customers' orders, principal users trade the firm's book. */
export const deskMembers = pgTable(
  "desk_members",
  {
    deskId: text("desk_id").notNull(),
    userId: text("user_id").notNull(),
    role: deskRole("role").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "desk_members_pkey", columns: [t.deskId, t.userId, t.role] }),
    index("desk_members_user_idx").on(t.userId),
  ],
);

/** Users registered as market makers (two-sided quoting obligations, e.g. FINRA Rule 6272). */
export const marketMakers = pgTable(
  "market_makers",
  {
    userId: text("user_id").primaryKey(),
    updatedAt: updatedAt(),
  },
  (t) => [check("market_makers_user_not_blank", sql`length(trim(${t.userId})) > 0`)],
);
