import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../random";
import type { RandomSource } from "../../random";
import { sampledForQa } from "./qa-sampling";

const always = (value: number): RandomSource => ({ nextUint32: () => value });

describe("sampledForQa", () => {
  it("samples nothing at rate 0 and everything at rate 1, whatever the draw", () => {
    expect(sampledForQa(always(0), 0)).toBe(false);
    expect(sampledForQa(always(2 ** 32 - 1), 1)).toBe(true);
  });

  it("compares the draw as a fraction of 2^32 with the rate", () => {
    expect(sampledForQa(always(2 ** 31 - 1), 0.5)).toBe(true);
    expect(sampledForQa(always(2 ** 31), 0.5)).toBe(false);
  });

  it("sends about the rate's share of closures, the same ones for the same seed", () => {
    const draws = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 10_000 }, () => sampledForQa(random, 0.1));
    };
    const sampled = draws(7).filter(Boolean).length;
    expect(sampled).toBeGreaterThan(900);
    expect(sampled).toBeLessThan(1_100);
    expect(draws(7)).toEqual(draws(7));
  });
});
