/**
 * Per-key state of one detector in one symbol, for keys that are not one user (a pair of users, a user
 * for one client's beneficial owner): created on first use and dropped once idle (no event) for longer
 * than the engine's idle period. State kept per user lives on the book's user record (UserStates).
 *
 * A key is two ids, held in a map of maps rather than joined into one string: the ids are strings the
 * events already carry (hashed once), where a joined key is a new string to build, flatten and hash on
 * every look-up.
 */
export class KeyedStates<State> {
  private readonly groups = new Map<string, Group<State>>();

  constructor(private readonly create: () => State) {}

  /** The key's state, created if needed; marks it as seen at timeMs. */
  touch(first: string, second: string, timeMs: number): State {
    let group = this.groups.get(first);
    if (group === undefined) {
      group = { first, entries: new Map(), oldestSeenMs: timeMs };
      this.groups.set(first, group);
    }
    const entry = group.entries.get(second);
    if (entry !== undefined) {
      if (timeMs > entry.lastSeenMs) entry.lastSeenMs = timeMs;
      return entry.state;
    }
    const state = this.create();
    group.entries.set(second, { second, state, lastSeenMs: timeMs });
    if (timeMs < group.oldestSeenMs) group.oldestSeenMs = timeMs;
    return state;
  }

  /** Marks the key's state, if there is one, as seen at timeMs (see UserStates.seen). */
  seen(first: string, second: string, timeMs: number): void {
    const entry = this.groups.get(first)?.entries.get(second);
    if (entry !== undefined && timeMs > entry.lastSeenMs) entry.lastSeenMs = timeMs;
  }

  evictIdle(idleBeforeMs: number): void {
    // Values, not [key, value] pairs: a sweep should allocate nothing.
    for (const group of this.groups.values()) {
      // No entry of the group can be idle: its entries are not visited (see Group.oldestSeenMs).
      if (group.oldestSeenMs >= idleBeforeMs) continue;
      let oldest = Number.POSITIVE_INFINITY;
      for (const entry of group.entries.values())
        if (entry.lastSeenMs < idleBeforeMs) group.entries.delete(entry.second);
        else if (entry.lastSeenMs < oldest) oldest = entry.lastSeenMs;
      group.oldestSeenMs = oldest;
      if (group.entries.size === 0) this.groups.delete(group.first);
    }
  }
}

/** The states of the keys sharing a first id. */
interface Group<State> {
  first: string;
  entries: Map<string, Entry<State>>;
  /**
   * At or before the earliest time an entry was last seen: set when an entry is created, made exact by
   * a sweep that visits the entries; a sweep skips a group whose bound is after its cut-off (visiting
   * every pair of every symbol was 1.2 s of the engine's 4.2 s of sweeps over its bench's 9.4M events).
   */
  oldestSeenMs: number;
}

interface Entry<State> {
  second: string;
  state: State;
  lastSeenMs: number;
}
