/**
 * A display order for a correlation matrix that puts names that move together next to each other: the
 * leaf order of average-linkage agglomerative clustering (UPGMA, Sokal & Michener 1958) on the distance
 * 1 - rho, with cluster distances updated by Lance & Williams' (1967) formula
 * d(k, i+j) = (|i| d(k, i) + |j| d(k, j)) / (|i| + |j|). When two clusters merge, the one with the lower
 * first index goes first, and each is flipped so that the two leaves meeting at the junction are the most
 * correlated of the four possible ends. A pair without a correlation (null or NaN) counts as 0.
 * O(n^3) for n names: a 200-name book orders in milliseconds.
 */

/** Row-major n x n correlations -> a permutation of 0..n-1, similar names adjacent. */
export function clusteredOrder(values: ArrayLike<number | null>, n: number): number[] {
  const rho = (i: number, j: number): number => {
    const value = values[i * n + j];
    return typeof value === "number" && !Number.isNaN(value) ? value : 0;
  };
  const clusters = Array.from({ length: n }, (_, i) => ({ leaves: [i], alive: true }));
  const distance = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: n }, (_, j) => 1 - rho(i, j)),
  );
  for (let merges = 1; merges < n; merges++) {
    let best = Number.POSITIVE_INFINITY;
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (!(clusters[i] as { alive: boolean }).alive) continue;
      for (let j = i + 1; j < n; j++) {
        const d = (distance[i] as Float64Array)[j] as number;
        if ((clusters[j] as { alive: boolean }).alive && d < best) {
          best = d;
          a = i;
          b = j;
        }
      }
    }
    const left = clusters[a] as { leaves: number[]; alive: boolean };
    const right = clusters[b] as { leaves: number[]; alive: boolean };
    const sizeA = left.leaves.length;
    const sizeB = right.leaves.length;
    for (let k = 0; k < n; k++) {
      const merged =
        (sizeA * ((distance[k] as Float64Array)[a] as number) +
          sizeB * ((distance[k] as Float64Array)[b] as number)) /
        (sizeA + sizeB);
      (distance[k] as Float64Array)[a] = merged;
      (distance[a] as Float64Array)[k] = merged;
    }
    left.leaves = joinEnds(left.leaves, right.leaves, rho);
    right.alive = false;
  }
  return (clusters.find((cluster) => cluster.alive) ?? { leaves: [] }).leaves;
}

/** left ++ right with each possibly reversed, so that the leaves meeting in the middle correlate most. */
function joinEnds(left: number[], right: number[], rho: (i: number, j: number) => number): number[] {
  const options = [
    [left, right],
    [left, [...right].reverse()],
    [[...left].reverse(), right],
    [[...left].reverse(), [...right].reverse()],
  ] as const;
  let chosen = options[0];
  for (const option of options) {
    const [l, r] = option;
    const [cl, cr] = chosen;
    if (rho(l[l.length - 1] as number, r[0] as number) > rho(cl[cl.length - 1] as number, cr[0] as number)) {
      chosen = option;
    }
  }
  return [...chosen[0], ...chosen[1]];
}
