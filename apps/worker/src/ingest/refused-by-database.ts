/**
 * Tells the bus which ingest failures are the events' fault (SubscribeOptions.isPermanent): the bus then
 * splits the batch until the refused events are dead-lettered alone, instead of retrying it forever.
 *
 * Only two SQLSTATE classes say that Postgres refused the rows themselves (PostgreSQL manual, appendix
 * A): 22 "data exception" (a NUL byte, a value out of range, a malformed literal) and 23 "integrity
 * constraint violation" (check, not-null, foreign key). Everything else is retried with backoff and
 * dead-letters nothing: connection failures (postgres.js CONNECTION_*, ECONNREFUSED, class 08),
 * resource and shutdown states (53, 57P0x), serialization failures and deadlocks (40001, 40P01), but
 * also configuration faults such as a missing grant (42501) or table (42P01), which no split can
 * isolate: retrying them leaves the stream intact and the partition visibly stalled on /readyz until
 * an operator fixes the database, where splitting would have dead-lettered every event.
 */
const REFUSED_DATA_CLASSES = new Set(["22", "23"]);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The SQLSTATE of the first error in the cause chain that carries one (drizzle wraps postgres.js' error). */
function sqlStateOf(error: unknown): string | undefined {
  let current = error;
  while (current instanceof Error) {
    const code: unknown = (current as Error & { code?: unknown }).code;
    if (typeof code === "string" && SQLSTATE.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

export function isRefusedByDatabase(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && REFUSED_DATA_CLASSES.has(state.slice(0, 2));
}
