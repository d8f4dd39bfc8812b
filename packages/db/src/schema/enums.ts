import { pgEnum } from "drizzle-orm/pg-core";

/** Enums used by more than one aggregate. Values follow docs/events.md exactly. */
export const side = pgEnum("side", ["buy", "sell"]);
