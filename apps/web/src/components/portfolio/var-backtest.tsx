"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { formatCount, formatPercent } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import { METHOD_LABELS } from "./types";
import type { VaRBacktest, VaRMethod, Volatility } from "./types";

const BacktestChart = dynamic(() => import("./backtest-chart"), { ssr: false, loading: () => null });

/** Forecasts are one-day VaRs on the same lookback as the panel's. */
const LOOKBACK_DAYS = 252;

const ZONE_LABELS = { green: "Green", yellow: "Yellow", red: "Red" } as const;

/** A p-value as statisticians quote it: 3 decimals, "< 0.001" below. */
function formatPValue(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

const HINTS = {
  exceptions:
    "Days whose loss exceeded the one-day VaR forecast of the evening before, out of the days tested.",
  kupiec:
    "Kupiec (1995) proportion of failures: likelihood ratio of the exception rate against 1 − confidence, chi-square with 1 degree of freedom. p < 0.05 rejects the model's coverage.",
  christoffersen:
    "Christoffersen (1998) independence: likelihood ratio of exceptions following exceptions (clustering), chi-square with 1 degree of freedom. p < 0.05 rejects independence.",
  zone: "Basel Committee (1996) traffic light: green while P(X ≤ exceptions) < 95 % under Binomial(days, 1 − confidence), yellow below 99.99 %, red beyond (0–4 / 5–9 / 10+ at 99 % over 250 days). Plus factor of the capital multiplier at 99 % over 250 days.",
};

/**
 * Backtesting beside each VaR method: how the book's daily P&L over the last 250 trading days compares
 * with the one-day forecast each method would have given the evening before (hypothetical P&L of
 * today's positions).
 */
export function VaRBacktestPanel({
  userId,
  confidence,
  volatility,
  method,
}: {
  userId: string;
  confidence: number;
  volatility: Volatility;
  method: VaRMethod;
}) {
  const trpc = useTRPC();
  const backtest = useQuery(
    trpc.portfolio.varBacktest.queryOptions({ userId, confidence, volatility, lookbackDays: LOOKBACK_DAYS }),
  );
  const results = (backtest.data ?? []) as unknown as VaRBacktest[];
  const chosen = results.find((result) => result.method === method);
  return (
    <div className="spaced" aria-labelledby="backtest-heading">
      <h3 id="backtest-heading">
        Backtest: one-day {formatPercent(confidence, 1)} VaR against daily P&amp;L, last{" "}
        {chosen?.observations ?? 250} trading days
      </h3>
      {backtest.error ? (
        <p role="alert" className="error">
          No backtest: {backtest.error.message}
        </p>
      ) : backtest.isPending ? (
        <p className="updated">Backtesting 250 daily forecasts per method…</p>
      ) : (
        <div className="grid grid-main">
          <table className="data" aria-label="VaR backtest by method">
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col" className="num" title={HINTS.exceptions}>
                  Exceptions (expected)
                </th>
                <th scope="col" className="num" title={HINTS.kupiec}>
                  Kupiec POF p
                </th>
                <th scope="col" className="num" title={HINTS.christoffersen}>
                  Christoffersen ind. p
                </th>
                <th scope="col" title={HINTS.zone}>
                  Basel zone
                </th>
              </tr>
            </thead>
            <tbody>
              {results.map((result) => (
                <tr key={result.method} className={result.method === method ? "selected" : undefined}>
                  <th scope="row">{METHOD_LABELS[result.method]}</th>
                  <td className="num" data-testid={`backtest-exceptions-${result.method}`}>
                    {formatCount(result.exceptions)} / {formatCount(result.observations)} (
                    {result.expectedExceptions.toFixed(1)})
                  </td>
                  <td
                    className="num"
                    title={`LR = ${result.kupiec.statistic.toFixed(3)}; exception rate ${formatPercent(result.exceptions / result.observations)} vs ${formatPercent(1 - result.confidence)}`}
                  >
                    {formatPValue(result.kupiec.pValue)}
                  </td>
                  <td
                    className="num"
                    title={`LR = ${result.independence.statistic.toFixed(3)}; transitions n00 ${result.independence.n00}, n01 ${result.independence.n01}, n10 ${result.independence.n10}, n11 ${result.independence.n11}; conditional coverage p ${formatPValue(result.conditionalCoverage.pValue)}`}
                  >
                    {formatPValue(result.independence.pValue)}
                  </td>
                  <td>
                    <span
                      className={`zone zone-${result.zone}`}
                      data-testid={`backtest-zone-${result.method}`}
                    >
                      {ZONE_LABELS[result.zone]}
                    </span>
                    {result.plusFactor === null ? null : (
                      <span className="updated"> +{result.plusFactor.toFixed(2)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>
            <h3>Daily P&amp;L and −VaR, {METHOD_LABELS[method]}</h3>
            <div className="chart">{chosen ? <BacktestChart days={chosen.days} /> : null}</div>
          </div>
        </div>
      )}
    </div>
  );
}
