/**
 * Per-user state of one detector in one symbol, created on first use and dropped once the user has been
 * idle (no event) for longer than the engine's idle period: memory follows active users, not all users.
 */
export class UserStates<State> {
  private readonly states = new Map<string, { userId: string; state: State; lastSeenMs: number }>();

  constructor(private readonly create: () => State) {}

  /** The user's state, created if needed; marks the user as seen at timeMs. */
  touch(userId: string, timeMs: number): State {
    const entry = this.states.get(userId);
    if (entry !== undefined) {
      if (timeMs > entry.lastSeenMs) entry.lastSeenMs = timeMs;
      return entry.state;
    }
    const state = this.create();
    this.states.set(userId, { userId, state, lastSeenMs: timeMs });
    return state;
  }

  /**
   * The user's state if there is one, marked as seen at timeMs; none is created: an event that needs
   * no state of its own still keeps the state the user has alive (a fresh state is what a later touch
   * would create anyway, so creating it only when it is first changed is the same).
   */
  seen(userId: string, timeMs: number): State | undefined {
    const entry = this.states.get(userId);
    if (entry === undefined) return undefined;
    if (timeMs > entry.lastSeenMs) entry.lastSeenMs = timeMs;
    return entry.state;
  }

  peek(userId: string): State | undefined {
    return this.states.get(userId)?.state;
  }

  evictIdle(idleBeforeMs: number): void {
    // Values, not [key, value] pairs: a sweep visits every state and should allocate nothing.
    for (const entry of this.states.values())
      if (entry.lastSeenMs < idleBeforeMs) this.states.delete(entry.userId);
  }
}
