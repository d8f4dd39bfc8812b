import { pgEnum } from "drizzle-orm/pg-core";

/** Enums used by more than one aggregate. Values follow shared/contracts/EVENTS.md exactly. */
export const side = pgEnum("side", ["buy", "sell"]);
