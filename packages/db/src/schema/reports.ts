import { pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

/**
 * The Rule 606(a)(1)(iv) discussion of "the material aspects of the broker's or dealer's relationship
 * with each venue" (payment for order flow, profit sharing, fee and rebate arrangements), one text per
 * venue, edited by ops; every change commits with its audit_log row (@nexus/services/reports).
 */
export const venueMaterialAspects = pgTable("venue_material_aspects", {
  venueId: text("venue_id").primaryKey(),
  text: text("text").notNull(),
  updatedAt: timestamptz("updated_at").notNull(),
  /** The actor of the last change (user id, key id or OS user), as its audit row names it. */
  updatedBy: text("updated_by").notNull(),
});
