import { sql } from "drizzle-orm";

/** A timestamptz as ISO-8601 UTC with every stored digit (microseconds), as readEventHistory writes occurred_at. */
export const isoUtc = (value: ReturnType<typeof sql>) =>
  sql`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
