import { describe, expect, it } from "vitest";
import { clusteredOrder } from "./cluster-order";

/** Symmetric n x n with unit diagonal from the upper-triangle pairs given. */
function matrix(n: number, pairs: Record<string, number | null>): (number | null)[] {
  const values: (number | null)[] = Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
  for (const [key, rho] of Object.entries(pairs)) {
    const [i = 0, j = 0] = key.split("-").map(Number);
    values[i * n + j] = rho;
    values[j * n + i] = rho;
  }
  return values;
}

describe("clusteredOrder", () => {
  it("puts the names that move together next to each other", () => {
    // Two blocks interleaved: {0, 2, 4} correlate 0.8-0.9, {1, 3} 0.7; across blocks about 0.
    const values = matrix(5, { "0-2": 0.9, "2-4": 0.85, "0-4": 0.8, "1-3": 0.7, "0-1": 0.05, "3-4": -0.1 });
    const order = clusteredOrder(values, 5);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    const position = (i: number) => order.indexOf(i);
    expect(Math.abs(position(1) - position(3))).toBe(1);
    expect(
      Math.max(position(0), position(2), position(4)) - Math.min(position(0), position(2), position(4)),
    ).toBe(2);
    // Inside the block, 0 and 2 (the closest pair) are neighbours.
    expect(Math.abs(position(0) - position(2))).toBe(1);
  });

  it("turns a merged cluster around so the most correlated ends meet", () => {
    // 0-1 merge first, then 2-3; 1 and 3 correlate more than any other cross pair, so they meet.
    const values = matrix(4, { "0-1": 0.95, "2-3": 0.9, "1-3": 0.5, "0-2": 0.1, "0-3": 0.1, "1-2": 0.1 });
    const order = clusteredOrder(values, 4);
    expect(Math.abs(order.indexOf(1) - order.indexOf(3))).toBe(1);
  });

  it("treats a pair without a correlation as uncorrelated, and orders one name or none", () => {
    expect(clusteredOrder(matrix(3, { "0-1": null, "1-2": Number.NaN, "0-2": 0.9 }), 3)).toEqual([0, 2, 1]);
    expect(clusteredOrder([1], 1)).toEqual([0]);
    expect(clusteredOrder([], 0)).toEqual([]);
  });
});
