import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cholesky, covarianceMatrix, dot, lowerGram, solveSymmetric, symmetricEigen } from "./linalg";

describe("covariance and Cholesky", () => {
  it("sample covariance (ddof 1) of two series, by hand", () => {
    // x = 1,2,3,4 ; y = 2,4,6,9: var x = 5/3, cov = 3.5 / 3 * ..., var y = 8.9166...
    const { covariance, means } = covarianceMatrix(Float64Array.from([1, 2, 3, 4, 2, 4, 6, 9]), 2, 4);
    expect([...means]).toEqual([2.5, 5.25]);
    expect(covariance[0]).toBeCloseTo(5 / 3, 14);
    expect(covariance[1]).toBeCloseTo(11.5 / 3, 14);
    expect(covariance[2]).toBe(covariance[1]);
    expect(covariance[3]).toBeCloseTo(26.75 / 3, 14);
  });

  it("L L^T = A for a positive definite A", () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect([...cholesky(a, 3)]).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it("a redundant direction (duplicated asset) gets a zero column instead of a failure", () => {
    const a = Float64Array.from([1, 1, 1, 1]);
    expect([...cholesky(a, 2)]).toEqual([1, 0, 1, 0]);
  });

  it("solves A x = b, giving collinear directions a zero coefficient", () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const x = solveSymmetric(a, Float64Array.from([1, 2, 3]));
    [1, 2, 3].forEach((b, i) => expect(dot(a, 3 * i, x, 0, 3)).toBeCloseTo(b, 9));
    expect([...solveSymmetric(Float64Array.from([1, 1, 1, 1]), Float64Array.from([2, 2]))]).toEqual([2, 0]);
  });
});

describe("lowerGram", () => {
  it("cross products of every pair of rows, by hand", () => {
    // Rows (1, 2), (3, 4), (5, 6): X X^T lower triangle 5; 11 25; 17 39 61.
    const gram = lowerGram(Float64Array.from([1, 2, 3, 4, 5, 6]), 3, 2);
    expect([...gram]).toEqual([5, 0, 0, 11, 25, 0, 17, 39, 61]);
  });

  it("property: equals the compensated dot products of each pair, for odd and even row counts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (n, length, seed) => {
          let state = seed;
          const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648 - 0.5;
          const rows = Float64Array.from({ length: n * length }, next);
          const gram = lowerGram(rows, n, length);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              const expected = j <= i ? dot(rows, i * length, rows, j * length, length) : 0;
              expect(gram[i * n + j]).toBeCloseTo(expected, 13);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("Jacobi eigen-decomposition", () => {
  it("eigenvalues of [[2,1],[1,2]] are 1 and 3; identity converges at once", () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    expect(Math.abs(vectors[0] as number)).toBeCloseTo(Math.SQRT1_2, 14);
    expect([...symmetricEigen(Float64Array.from([1, 0, 0, 1]), 2).values]).toEqual([1, 1]);
    // Already-zero entries are skipped: [[2,0,1],[0,3,0],[1,0,2]] has eigenvalues 1, 3, 3.
    const sparse = symmetricEigen(Float64Array.from([2, 0, 1, 0, 3, 0, 1, 0, 2]), 3);
    expect([...sparse.values].sort()).toEqual([
      expect.closeTo(1, 14),
      expect.closeTo(3, 14),
      expect.closeTo(3, 14),
    ]);
  });

  it("property: V diag(values) V^T reconstructs a random symmetric matrix", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            ),
          ),
        ([n, entries]) => {
          const a = new Float64Array(n * n);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++)
              a[i * n + j] = ((entries[i * n + j] as number) + (entries[j * n + i] as number)) / 2;
          const { values, vectors } = symmetricEigen(a, n);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let k = 0; k < n; k++)
                s += (vectors[i * n + k] as number) * (values[k] as number) * (vectors[j * n + k] as number);
              expect(s).toBeCloseTo(a[i * n + j] as number, 9);
            }
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
