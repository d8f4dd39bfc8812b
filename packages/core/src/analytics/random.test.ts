import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../random";
import { fillNormals } from "./random";
import { populationMoments } from "./stats";

describe("seeded randomness", () => {
  it("ziggurat normals: mean 0, sd 1, no skew, no excess kurtosis, normal tail frequencies (400k draws)", () => {
    const draws = new Float64Array(400_000);
    fillNormals(createSeededRandom(7), draws);
    const m = populationMoments(draws);
    // Standard errors at n = 400k: mean 0.0016, sd 0.0011, skew 0.0039, kurtosis 0.0077.
    expect(Math.abs(m.mean)).toBeLessThan(0.006);
    expect(Math.abs(m.std - 1)).toBeLessThan(0.005);
    expect(Math.abs(m.skewness)).toBeLessThan(0.016);
    expect(Math.abs(m.excessKurtosis)).toBeLessThan(0.032);
    // P(Z < -1.6449) = 0.05, P(Z > 3.4426) (beyond the ziggurat base, drawn by the tail method) = 2.88e-4.
    expect(draws.filter((x) => x < -1.6448536).length / draws.length).toBeCloseTo(0.05, 2);
    const beyond = draws.filter((x) => x > 3.442619855899).length;
    expect(beyond).toBeGreaterThan(80);
    expect(beyond).toBeLessThan(150);
  });
});
