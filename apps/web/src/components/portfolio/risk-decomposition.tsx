"use client";

import { useQuery } from "@tanstack/react-query";
import { formatPercent } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import type { RiskDecomposition } from "./types";

/** A horizontal bar for a share (0-1; a negative share, a hedge, drawn green to the left of nothing). */
function ShareBar({ share }: { share: number }) {
  const width = `${Math.min(100, Math.abs(share) * 100).toFixed(1)}%`;
  return (
    <span className="share-bar" aria-hidden="true">
      <span style={{ width, background: share < 0 ? "#0f7b3e" : "#1f5fbf" }} />
    </span>
  );
}

/**
 * Where the book's risk comes from over the last year: the market (systematic) and the rest
 * (idiosyncratic), sectors' shares of variance, factor exposures and concentration.
 */
export function RiskDecompositionPanel({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.portfolio.riskDecomposition.queryOptions({ userId, lookbackDays: 252 }));
  const data = query.data as unknown as RiskDecomposition | undefined;
  return (
    <section className="panel" aria-labelledby="decomposition-heading">
      <h2 id="decomposition-heading">Risk decomposition, 252 days</h2>
      {query.error ? (
        <p role="alert" className="error">
          No risk decomposition: {query.error.message}
        </p>
      ) : data === undefined ? (
        <p className="updated">Computing…</p>
      ) : (
        <>
          <dl className="metric-grid" aria-label="Systematic and idiosyncratic risk">
            <div title="Annualised standard deviation of the book's daily return (P&L / gross exposure) × √252.">
              <dt>Total risk</dt>
              <dd>{formatPercent(data.totalRisk)}</dd>
            </div>
            <div title="|β| × the market's volatility: the part explained by the equal-weighted market (OLS). Total² = systematic² + idiosyncratic².">
              <dt>Systematic</dt>
              <dd>{formatPercent(data.systematicRisk)}</dd>
            </div>
            <div title="Volatility of the OLS residual on the market.">
              <dt>Idiosyncratic</dt>
              <dd>{formatPercent(data.idiosyncraticRisk)}</dd>
            </div>
            <div title="OLS slope of the book's daily return on the equal-weighted market's.">
              <dt>Beta</dt>
              <dd>{data.beta.toFixed(2)}</dd>
            </div>
            <div title="Share of variance explained by the market: systematic² / total².">
              <dt>R²</dt>
              <dd>{formatPercent(data.rSquared, 1)}</dd>
            </div>
            <div title="Herfindahl-Hirschman index of gross weights (1 = one name) and its reciprocal, the effective number of positions.">
              <dt>Concentration (HHI)</dt>
              <dd>
                {data.concentration.hhi.toFixed(3)} ≈ {data.concentration.effectiveNumber.toFixed(1)} names
              </dd>
            </div>
          </dl>
          <div className="stacked-tables">
            <table className="data" aria-label="Risk by sector">
              <thead>
                <tr>
                  <th scope="col">Sector</th>
                  <th scope="col" className="num">
                    Weight
                  </th>
                  <th
                    scope="col"
                    className="num"
                    title="Euler share of the book's variance: v_i(Σv)_i / v'Σv summed by sector; sums to 100 %."
                  >
                    Share of variance
                  </th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {data.sectorContributions.map((row) => (
                  <tr key={row.sector}>
                    <th scope="row">{row.sector}</th>
                    <td className="num">{formatPercent(row.weight, 1)}</td>
                    <td className="num">{formatPercent(row.riskContribution, 1)}</td>
                    <td>
                      <ShareBar share={row.riskContribution} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="data" aria-label="Factor exposures">
              <thead>
                <tr>
                  <th scope="col">Factor</th>
                  <th
                    scope="col"
                    className="num"
                    title="OLS coefficient of the book's daily return on the factor's (all factors at once)."
                  >
                    Exposure
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.factorExposures.map((row) => (
                  <tr key={row.factor}>
                    <th scope="row">{row.factor}</th>
                    <td className="num">{row.exposure.toFixed(3)}</td>
                  </tr>
                ))}
                {data.unavailableFactors.map((row) => (
                  <tr key={row.factor}>
                    <th scope="row">{row.factor}</th>
                    <td className="num" title={row.reason}>
                      n/a
                    </td>
                  </tr>
                ))}
              </tbody>
              <caption className="updated">
                Factor regression R² {formatPercent(data.factorRSquared, 1)} over {data.observations} days.
              </caption>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
