import type { BookUser, SymbolBook } from "./market-view";

/**
 * Per-user state of one detector in one symbol, kept in a slot of the book's user record (the record the
 * event already looked up: no map of its own to look the user up in again). Created on first use; the
 * book drops it once the detector has not seen the user for longer than the engine's idle period
 * (SymbolBook.evictIdle), so memory follows active users, not all users.
 */
export class UserStates<State> {
  private readonly slot: number;

  constructor(
    book: SymbolBook,
    private readonly create: () => State,
  ) {
    this.slot = book.newSlot();
  }

  /** The user's state, created if needed; marks the user as seen at timeMs. */
  touch(user: BookUser, timeMs: number): State {
    const { slot } = this;
    const state = user.slots[slot];
    if (state !== undefined) {
      if (timeMs > (user.slotSeenMs[slot] as number)) user.slotSeenMs[slot] = timeMs;
      return state as State;
    }
    const created = this.create();
    user.slots[slot] = created;
    user.slotSeenMs[slot] = timeMs;
    if (timeMs < user.oldestSeenMs) user.oldestSeenMs = timeMs;
    return created;
  }

  /**
   * The user's state if there is one, marked as seen at timeMs; none is created: an event that needs
   * no state of its own still keeps the state the user has alive (a fresh state is what a later touch
   * would create anyway, so creating it only when it is first changed is the same).
   */
  seen(user: BookUser, timeMs: number): State | undefined {
    const { slot } = this;
    const state = user.slots[slot];
    if (state === undefined) return undefined;
    if (timeMs > (user.slotSeenMs[slot] as number)) user.slotSeenMs[slot] = timeMs;
    return state as State;
  }

  /** This slot is only ever written by touch above, with a State. */
  peek(user: BookUser): State | undefined {
    return user.slots[this.slot] as State | undefined;
  }
}
