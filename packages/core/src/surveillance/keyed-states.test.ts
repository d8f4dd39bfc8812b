import { describe, expect, it } from "vitest";
import { KeyedStates } from "./keyed-states";

describe("keyed states", () => {
  it("keeps a key's state while it is seen, and drops it once idle", () => {
    const states = new KeyedStates(() => ({ count: 0 }));
    states.touch("a", "x", 100).count++;
    states.touch("b", "x", 100).count++;
    states.touch("a", "y", 100).count++;
    states.seen("a", "x", 500);
    states.seen("a", "x", 400); // an earlier event does not make it idle sooner
    states.seen("missing", "x", 500); // seen creates nothing
    states.seen("a", "missing", 500);
    states.evictIdle(300);
    expect(states.touch("a", "x", 600).count).toBe(1);
    expect(states.touch("a", "y", 600).count).toBe(0);
    expect(states.touch("b", "x", 600).count).toBe(0);
    expect(states.touch("missing", "x", 600).count).toBe(0);
  });

  it("drops each idle key of a group as its time comes, including one created late with an earlier time", () => {
    const states = new KeyedStates(() => ({ count: 0 }));
    states.touch("a", "x", 100).count++;
    states.touch("a", "y", 200).count++;
    states.touch("a", "w", 1_500).count++;
    states.seen("a", "x", 1_000);
    states.evictIdle(150);
    states.evictIdle(250);
    states.evictIdle(900);
    states.touch("a", "z", 50).count++; // a late event: its key's time is before the others'
    states.evictIdle(60);
    expect(states.touch("a", "x", 1_000).count).toBe(1);
    expect(states.touch("a", "y", 1_000).count).toBe(0);
    expect(states.touch("a", "z", 1_000).count).toBe(0);
    expect(states.touch("a", "w", 1_500).count).toBe(1);
  });

  it("tells keys apart by both ids, whatever characters they hold", () => {
    const states = new KeyedStates(() => ({ count: 0 }));
    states.touch("a\u0000b", "c", 100).count++;
    expect(states.touch("a", "b\u0000c", 100).count).toBe(0);
    expect(states.touch("a\u0000b", "c", 100).count).toBe(1);
  });
});
