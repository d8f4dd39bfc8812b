/**
 * Per-key state of one detector in one symbol, for keys that are not one user (a pair of users, a user
 * for one client's beneficial owner): created on first use and dropped once idle (no event) for longer
 * than the engine's idle period. State kept per user lives on the book's user record (UserStates).
 */
export class KeyedStates<State> {
  private readonly states = new Map<string, { key: string; state: State; lastSeenMs: number }>();

  constructor(private readonly create: () => State) {}

  /** The key's state, created if needed; marks it as seen at timeMs. */
  touch(key: string, timeMs: number): State {
    const entry = this.states.get(key);
    if (entry !== undefined) {
      if (timeMs > entry.lastSeenMs) entry.lastSeenMs = timeMs;
      return entry.state;
    }
    const state = this.create();
    this.states.set(key, { key, state, lastSeenMs: timeMs });
    return state;
  }

  /** Marks the key's state, if there is one, as seen at timeMs (see UserStates.seen). */
  seen(key: string, timeMs: number): void {
    const entry = this.states.get(key);
    if (entry !== undefined && timeMs > entry.lastSeenMs) entry.lastSeenMs = timeMs;
  }

  evictIdle(idleBeforeMs: number): void {
    // Values, not [key, value] pairs: a sweep visits every state and should allocate nothing.
    for (const entry of this.states.values())
      if (entry.lastSeenMs < idleBeforeMs) this.states.delete(entry.key);
  }
}
