import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LevelCounts } from "./level-counts";

describe("level counts", () => {
  it("counts a level once however many orders rest there, and frees it with its last order", () => {
    const levels = new LevelCounts();
    expect(levels.size).toBe(0);
    levels.add(100.01);
    levels.add(100.01);
    levels.add(100.02);
    expect(levels.size).toBe(2);
    levels.remove(100.01);
    expect(levels.size).toBe(2);
    levels.remove(100.01);
    expect(levels.size).toBe(1);
    levels.remove(100.02);
    expect(levels.size).toBe(0);
  });

  it("agrees with a count per price under any order of adds and matching removes", () => {
    const price = fc.constantFrom(99.99, 100, 100.01, 100.02, 100.03);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), price), { maxLength: 60 }), (steps) => {
        const levels = new LevelCounts();
        const model = new Map<number, number>();
        for (const [adding, at] of steps) {
          const count = model.get(at) ?? 0;
          // Removes only where an order rests, as the book guarantees.
          if (!adding && count === 0) continue;
          if (adding) levels.add(at);
          else levels.remove(at);
          if (adding || count > 1) model.set(at, count + (adding ? 1 : -1));
          else model.delete(at);
          expect(levels.size).toBe(model.size);
        }
      }),
    );
  });
});
