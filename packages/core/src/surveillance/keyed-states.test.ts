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

  it("tells keys apart by both ids, whatever characters they hold", () => {
    const states = new KeyedStates(() => ({ count: 0 }));
    states.touch("a\u0000b", "c", 100).count++;
    expect(states.touch("a", "b\u0000c", 100).count).toBe(0);
    expect(states.touch("a\u0000b", "c", 100).count).toBe(1);
  });
});
