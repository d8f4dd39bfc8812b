import { describe, expect, it } from "vitest";
import { TickBatcher } from "./tick-batcher";

/** A sink that records each write and refuses any batch holding a "bad" item. */
function recordingSink() {
  const writes: Array<{ key: string; items: string[] }> = [];
  const write = (key: string, items: string[]) => {
    writes.push({ key, items });
    return items.includes("bad") ? Promise.reject(new Error(`${key} refused bad`)) : Promise.resolve();
  };
  return { writes, write };
}

describe("TickBatcher", () => {
  it("writes what concurrent callers add in one turn as one batch per key, in order", async () => {
    const { writes, write } = recordingSink();
    const batcher = new TickBatcher(write);
    await Promise.all([
      batcher.add("routing.decisions", ["d1"]),
      batcher.add("routing.executions", ["e1", "e2"]),
      batcher.add("routing.decisions", ["d2"]),
    ]);
    expect(writes).toEqual([
      { key: "routing.decisions", items: ["d1", "d2"] },
      { key: "routing.executions", items: ["e1", "e2"] },
    ]);
    await batcher.add("routing.decisions", ["d3"]);
    expect(writes).toHaveLength(3);
  });

  it("fails only the caller whose items the sink refuses, after trying the others alone", async () => {
    const { writes, write } = recordingSink();
    const batcher = new TickBatcher(write);
    const good = batcher.add("decisions", ["a"]);
    const bad = batcher.add("decisions", ["bad"]);
    const alsoGood = batcher.add("decisions", ["b"]);
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow("decisions refused bad");
    await expect(alsoGood).resolves.toBeUndefined();
    expect(writes.map((w) => w.items)).toEqual([["a", "bad", "b"], ["a"], ["bad"], ["b"]]);
  });

  it("holds what is added during a key's write for one next batch, written only after it", async () => {
    const writes: string[][] = [];
    let finishFirst = () => undefined as void;
    const batcher = new TickBatcher<string>((_key, items) => {
      writes.push(items);
      return writes.length === 1
        ? new Promise<void>((resolve) => (finishFirst = resolve))
        : Promise.resolve();
    });
    const first = batcher.add("decisions", ["a"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([["a"]]);
    let secondDone = false;
    const second = batcher.add("decisions", ["b"]).then(() => (secondDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    const third = batcher.add("decisions", ["c"]);
    await new Promise((resolve) => setImmediate(resolve));
    // One write in flight per key: b and c wait for a's.
    expect(writes).toEqual([["a"]]);
    expect(secondDone).toBe(false);
    finishFirst();
    await Promise.all([first, second, third]);
    expect(writes).toEqual([["a"], ["b", "c"]]);
  });

  it("fails every caller of a batch with the sink's error when the sink is down", async () => {
    const batcher = new TickBatcher<string>(() => Promise.reject(new Error("database unreachable")));
    const calls = [batcher.add("decisions", ["a"]), batcher.add("decisions", ["b"])];
    for (const call of calls) await expect(call).rejects.toThrow("database unreachable");
  });
});
