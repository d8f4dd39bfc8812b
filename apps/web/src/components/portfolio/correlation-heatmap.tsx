"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/react";
import type { Correlation } from "./types";

/** Blue for positive, red for negative correlation, stronger with |rho|; white at zero. */
function colourOf(rho: number | null): string {
  if (rho === null) return "#eef0f3";
  const strength = Math.round(Math.min(1, Math.abs(rho)) * 200);
  return rho >= 0
    ? `rgb(${255 - strength}, ${255 - strength * 0.6}, 255)`
    : `rgb(255, ${255 - strength}, ${255 - strength})`;
}

/**
 * Pearson correlations of the book's daily returns over the last year (pairwise-complete days), in the
 * clustered order the service gives (average linkage on 1 - rho), so names that move together sit together.
 */
export function CorrelationHeatmap({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const matrix = useQuery(trpc.portfolio.correlation.queryOptions({ userId, lookbackDays: 252 }));
  const data = matrix.data as unknown as Correlation | undefined;
  const order = data?.order ?? data?.symbols.map((_, i) => i) ?? [];
  return (
    <section className="panel" aria-labelledby="correlation-heading">
      <h2 id="correlation-heading">Correlation of daily returns, 252 days (clustered order)</h2>
      {matrix.error ? (
        <p role="alert" className="error">
          No correlation matrix: {matrix.error.message}
        </p>
      ) : data === undefined ? (
        <p className="updated">Computing…</p>
      ) : (
        <div className="table-wrap">
          <table className="heatmap" aria-label="Correlation matrix">
            <thead>
              <tr>
                <th scope="col" />
                {order.map((i) => (
                  <th key={i} scope="col">
                    {data.symbols[i]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {order.map((i) => (
                <tr key={i}>
                  <th scope="row">{data.symbols[i]}</th>
                  {order.map((j) => {
                    const [row, column] = [data.symbols[i], data.symbols[j]];
                    const rho = data.values[i * data.symbols.length + j] ?? null;
                    return (
                      <td
                        key={j}
                        style={{ background: colourOf(rho) }}
                        title={`${row} / ${column}: ${rho === null ? "no common days" : rho.toFixed(3)}`}
                      >
                        {rho === null ? "–" : rho.toFixed(2)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {data.repaired ? (
            <p className="updated">Pairwise estimates were not positive semi-definite and were repaired.</p>
          ) : null}
        </div>
      )}
    </section>
  );
}
