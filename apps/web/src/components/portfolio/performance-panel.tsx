"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { formatMoney, formatPercent } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import type { RollingMetric } from "./performance-charts";
import { RANGES, rangeStart } from "./performance-ranges";
import type { Range } from "./performance-ranges";
import { Switch } from "./switch";
import type { AccountReturns, PerformanceMetrics, PerformanceSeries } from "./types";

// Browser-only: recharts measures its container.
const ComparisonChart = dynamic(() => import("./performance-charts").then((m) => m.ComparisonChart), {
  ssr: false,
  loading: () => null,
});
const RollingChart = dynamic(() => import("./performance-charts").then((m) => m.RollingChart), {
  ssr: false,
  loading: () => null,
});

const ROLLING: Record<RollingMetric, string> = {
  rollingVolatility: "Volatility",
  rollingSharpe: "Sharpe",
  rollingBeta: "Beta",
};

/** Each metric's definition and convention, shown on hover (@nexus/core/analytics README, Conventions). */
const DEFINITIONS: { key: keyof PerformanceMetrics; label: string; ratio?: boolean; hint: string }[] = [
  {
    key: "totalReturn",
    label: "Total return",
    hint: "∏(1 + r) − 1 over the range; a missing day counts as no change.",
  },
  {
    key: "annualizedReturn",
    label: "Annualized return",
    hint: "∏(1 + r)^(252/n) − 1, n trading days in the range.",
  },
  { key: "volatility", label: "Volatility", hint: "Standard deviation of daily returns (ddof 1) × √252." },
  {
    key: "sharpe",
    label: "Sharpe",
    ratio: true,
    hint: "mean(r − rf) / std(r − rf, ddof 1) × √252; rf the annual risk-free rate (5 %) per day: (1 + rf)^(1/252) − 1.",
  },
  {
    key: "sortino",
    label: "Sortino",
    ratio: true,
    hint: "mean(r − rf) × 252 / (√mean(min(r − rf, 0)²) × √252): downside deviation over all days (Sortino & Price 1994).",
  },
  {
    key: "maxDrawdown",
    label: "Max drawdown",
    hint: "Largest fall of wealth from a running peak (the start counts as a peak); ≤ 0.",
  },
  { key: "calmar", label: "Calmar", ratio: true, hint: "Annualized return / |max drawdown|." },
  {
    key: "beta",
    label: "Beta",
    ratio: true,
    hint: "cov(r − rf, b − rf) / var(b − rf) against the benchmark b, on the days both have.",
  },
  {
    key: "alpha",
    label: "Alpha",
    hint: "(1 + mean(r − rf − β(b − rf)))^252 − 1: Jensen's alpha, annualized.",
  },
  {
    key: "informationRatio",
    label: "Information ratio",
    ratio: true,
    hint: "mean(r − b) / std(r − b, ddof 1) × √252.",
  },
  { key: "treynor", label: "Treynor", hint: "(Annualized return − rf) / β." },
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Green for gains, red for losses, stronger with size (±5 % a month is full colour). */
function monthColour(r: number | null | undefined): string {
  if (r === null || r === undefined) return "#f6f8fa";
  const strength = Math.round(Math.min(1, Math.abs(r) / 0.05) * 160);
  return r >= 0
    ? `rgb(${235 - strength}, 245, ${235 - strength})`
    : `rgb(250, ${235 - strength}, ${235 - strength})`;
}

function MonthlyHeatmap({ series }: { series: PerformanceSeries }) {
  const byMonth = new Map(series.months.map((month, k) => [month, series.monthlyReturns[k] ?? null]));
  const years = [...new Set(series.months.map((month) => month.slice(0, 4)))];
  return (
    <div className="table-wrap">
      <table className="heatmap" aria-label="Monthly returns">
        <thead>
          <tr>
            <th scope="col">Year</th>
            {MONTHS.map((month) => (
              <th key={month} scope="col">
                {month}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.map((year) => (
            <tr key={year}>
              <th scope="row">{year}</th>
              {MONTHS.map((name, m) => {
                const key = `${year}-${String(m + 1).padStart(2, "0")}`;
                const r = byMonth.get(key);
                return (
                  <td
                    key={name}
                    style={{ background: monthColour(r) }}
                    title={`${key}: ${r == null ? "no data" : formatPercent(r)}`}
                  >
                    {r == null ? "" : (r * 100).toFixed(1)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="updated">
        Monthly returns of today's book, % (compounded daily returns; partial first and last months).
      </p>
    </div>
  );
}

/** Performance of today's book against a benchmark over a range of the price history. */
export function PerformancePanel({ userId, asOf }: { userId: string; asOf: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>("1Y");
  const [benchmarkDraft, setBenchmarkDraft] = useState("");
  const [benchmarkSymbol, setBenchmarkSymbol] = useState<string | undefined>(undefined);
  const [rolling, setRolling] = useState<RollingMetric>("rollingVolatility");
  const from = rangeStart(range, asOf);
  const parameters = { userId, ...(from ? { from } : {}), ...(benchmarkSymbol ? { benchmarkSymbol } : {}) };
  const metrics = useQuery(trpc.portfolio.performance.queryOptions(parameters));
  const seriesQuery = useQuery(
    trpc.portfolio.performanceSeries.queryOptions({ ...parameters, rollingWindow: 63 }),
  );
  // The account itself over the same calendar range to today: its time-weighted return from the daily
  // snapshots, deposits and withdrawals left out.
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const accountFrom = rangeStart(range, today);
  const account = useQuery(
    trpc.portfolio.accountReturns.queryOptions({ userId, ...(accountFrom ? { from: accountFrom } : {}) }),
  );
  const accountReturns = account.data as unknown as AccountReturns | undefined;
  const data = metrics.data as unknown as PerformanceMetrics | undefined;
  const series = seriesQuery.data as unknown as PerformanceSeries | undefined;
  const error = metrics.error ?? seriesQuery.error;
  return (
    <section className="panel spaced" aria-labelledby="performance-heading">
      <h2 id="performance-heading">
        Performance against {data?.benchmark ?? benchmarkSymbol ?? "the benchmark"}
        {data ? ` (${data.from} to ${data.to})` : ""}
      </h2>
      <div className="switches">
        <Switch label="Range" options={RANGES} value={range} onChange={setRange} format={(r) => r} />
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const symbol = benchmarkDraft.trim().toUpperCase();
            setBenchmarkSymbol(symbol === "" ? undefined : symbol);
          }}
        >
          <label className="field">
            <span>Benchmark symbol (empty: equal-weighted market)</span>
            <input
              value={benchmarkDraft}
              onChange={(event) => setBenchmarkDraft(event.target.value)}
              size={8}
            />
          </label>
          <button type="submit" className="button">
            Compare
          </button>
        </form>
      </div>
      {accountReturns ? (
        <p className="updated" data-testid="account-twr">
          {accountReturns.dates.length === 0
            ? "Account: no daily snapshot in this range yet."
            : `Account, time-weighted (${accountReturns.dates[0]} to ${accountReturns.dates.at(-1)}): ${formatPercent(
                accountReturns.totalReturn,
              )}; net deposits ${formatMoney(String(accountReturns.netFlows))} are not counted as return.`}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          No performance figures: {error.message}
        </p>
      ) : null}
      {data ? (
        <dl className="metric-grid" aria-label="Performance metrics">
          {DEFINITIONS.map(({ key, label, ratio, hint }) => {
            const value = data[key] as number | null;
            const why = (data.undefinedBecause as Record<string, string | undefined>)[key];
            return (
              <div key={key} title={`${label}: ${hint}${why ? ` Undefined here: ${why}.` : ""}`}>
                <dt>{label}</dt>
                <dd>{value === null ? "n/a" : ratio ? value.toFixed(2) : formatPercent(value)}</dd>
              </div>
            );
          })}
        </dl>
      ) : null}
      {series ? (
        <>
          <div className="grid grid-halves">
            <div>
              <h3>Cumulative return</h3>
              <div className="chart">
                <ComparisonChart series={series} kind="cumulative" />
              </div>
            </div>
            <div>
              <h3>Drawdown (underwater)</h3>
              <div className="chart">
                <ComparisonChart series={series} kind="drawdown" />
              </div>
            </div>
          </div>
          <div className="grid grid-halves">
            <div>
              <h3>
                Rolling {ROLLING[rolling].toLowerCase()}, {series.rollingWindow}-day window
              </h3>
              <Switch
                label="Rolling"
                options={Object.keys(ROLLING) as RollingMetric[]}
                value={rolling}
                onChange={setRolling}
                format={(m) => ROLLING[m]}
              />
              <div className="chart">
                <RollingChart series={series} metric={rolling} />
              </div>
            </div>
            <div>
              <h3>Monthly returns</h3>
              <MonthlyHeatmap series={series} />
            </div>
          </div>
        </>
      ) : seriesQuery.isPending ? (
        <p className="updated">Computing…</p>
      ) : null}
    </section>
  );
}
