import { describe, expect, it } from "vitest";
import { KeyedStates } from "./keyed-states";

describe("keyed states", () => {
  it("keeps a key's state while it is seen, and drops it once idle", () => {
    const states = new KeyedStates(() => ({ count: 0 }));
    states.touch("a", 100).count++;
    states.touch("b", 100).count++;
    states.seen("a", 500);
    states.seen("a", 400); // an earlier event does not make it idle sooner
    states.seen("missing", 500); // seen creates nothing
    states.evictIdle(300);
    expect(states.touch("a", 600).count).toBe(1);
    expect(states.touch("b", 600).count).toBe(0);
    expect(states.touch("missing", 600).count).toBe(0);
  });
});
