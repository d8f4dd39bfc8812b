import { describe, expect, it } from "vitest";
import { DEFAULT_BOOK_OPTIONS, SymbolBook } from "./market-view";
import { UserStates } from "./user-states";

describe("per-user detector states and their eviction", () => {
  const setUp = () => {
    const book = new SymbolBook("EVICT", DEFAULT_BOOK_OPTIONS);
    const early = new UserStates(book, () => ({ count: 0 }));
    const late = new UserStates(book, () => ({ count: 0 }));
    return { book, early, late };
  };

  it("drops each detector's state once that detector has not seen the user since the cut-off, then the user", () => {
    const { book, early, late } = setUp();
    const user = book.userOf("u-1");
    early.touch(user, 0).count++;
    late.touch(user, 5_000).count++;
    book.evictIdle(0);
    expect(early.peek(user)).toEqual({ count: 1 });
    book.evictIdle(1);
    expect(early.peek(user)).toBeUndefined();
    expect(late.peek(user)).toEqual({ count: 1 });
    expect(book.userOf("u-1")).toBe(user);
    book.evictIdle(5_001);
    expect(late.peek(user)).toBeUndefined();
    // Nothing held and nothing resting: the record goes, and the user comes back as a fresh one.
    expect(book.userOf("u-1")).not.toBe(user);
  });

  it("keeps a state seen again after its creation, and one created again after an eviction", () => {
    const { book, early, late } = setUp();
    const user = book.userOf("u-2");
    early.touch(user, 0);
    late.touch(user, 100);
    early.seen(user, 8_000);
    late.touch(user, 9_000);
    book.evictIdle(7_000);
    expect(early.peek(user)).toBeDefined();
    expect(late.peek(user)).toBeDefined();
    book.evictIdle(8_500);
    expect(early.peek(user)).toBeUndefined();
    early.touch(user, 10_000).count = 7;
    book.evictIdle(9_500);
    expect(late.peek(user)).toBeUndefined();
    expect(early.peek(user)).toEqual({ count: 7 });
    book.evictIdle(10_001);
    expect(early.peek(user)).toBeUndefined();
  });
});
