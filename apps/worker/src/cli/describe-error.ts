/** How `nexus` words a failure that is not a usage error: one line, the reason first. */

/** Longer messages (a failed query's carries the whole SQL) are cut here. */
const MAX_MESSAGE = 200;

/**
 * A failed query's own message is "Failed query: <the whole SQL>", its cause is the why: the cause
 * comes first, the message after it in parentheses, unless both say the same (kafkajs repeats its
 * connection error as the cause).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message =
    error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE)}...` : error.message;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause === undefined || cause === error.message ? message : `${cause} (${message})`;
}
