"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { DataTable } from "../data-table";
import {
  formatBasisPoints,
  formatDecimalString,
  formatMoney,
  formatPercent,
  formatPnl,
  formatUtcTime,
} from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import { CorrelationHeatmap } from "./correlation-heatmap";
import { PerformancePanel } from "./performance-panel";
import { RiskDecompositionPanel } from "./risk-decomposition";
import { StressRunner } from "./stress-runner";
import { Switch } from "./switch";
import { SyncPositions } from "./sync-positions";
import { METHOD_LABELS, VOLATILITY_LABELS } from "./types";
import type { Horizon, Position, Summary, VaRMethod, VaRResult, Volatility } from "./types";
import { VaRBacktestPanel } from "./var-backtest";
import { WhatIf } from "./what-if";

// Browser-only: recharts measures its container (docs/conventions.md, Traps); the placeholder keeps the height.
const ComponentVaRChart = dynamic(() => import("./component-var-chart"), { ssr: false, loading: () => null });

/** Positions and P&L move with every trade; the risk figures follow from the cache, recomputed after one. */
export const PORTFOLIO_REFRESH_MS = 5_000;
const CONFIDENCES = [0.95, 0.975, 0.99] as const;
const HORIZONS: readonly Horizon[] = ["1D", "1W", "1M"];
const LOOKBACK_DAYS = 252;

/** Gains green, losses red, nothing (under a cent) neutral. */
const pnlClass = (value: string): string | undefined => {
  const shown = formatPnl(value);
  return shown.startsWith("-") ? "pnl-down" : shown.startsWith("+") ? "pnl-up" : undefined;
};

const positionColumns: ColumnDef<Position>[] = [
  { id: "symbol", header: "Symbol", cell: ({ row }) => row.original.symbol },
  { id: "sector", header: "Sector", cell: ({ row }) => row.original.sector ?? "–" },
  {
    id: "quantity",
    header: "Quantity",
    cell: ({ row }) => formatDecimalString(row.original.quantity),
    meta: { className: "num" },
  },
  {
    id: "cost",
    header: "Avg cost",
    cell: ({ row }) => formatMoney(row.original.averageCost, 4),
    meta: { className: "num" },
  },
  {
    id: "mark",
    header: "Mark",
    cell: ({ row }) => formatMoney(row.original.mark, 4),
    meta: { className: "num" },
  },
  {
    id: "value",
    header: "Market value",
    cell: ({ row }) => formatMoney(row.original.marketValue),
    meta: { className: "num" },
  },
  {
    id: "weight",
    header: "Weight",
    cell: ({ row }) => formatPercent(row.original.weight, 1),
    meta: { className: "num" },
  },
  ...(["dayPnl", "unrealizedPnl", "realizedPnl"] as const).map((key): ColumnDef<Position> => ({
    id: key,
    header: { dayPnl: "Day P&L", unrealizedPnl: "Unrealized", realizedPnl: "Realized" }[key],
    cell: ({ row }) => <span className={pnlClass(row.original[key])}>{formatPnl(row.original[key])}</span>,
    meta: { className: "num" },
  })),
];

function SummaryPanel({ summary }: { summary: Summary }) {
  const figures = [
    { label: "Market value", value: formatMoney(summary.marketValue) },
    { label: "Day P&L", value: formatPnl(summary.dayPnl), tone: pnlClass(summary.dayPnl) },
    { label: "Equity", value: formatMoney(summary.equity) },
    { label: "Cash", value: formatMoney(summary.cash) },
    {
      label: "Unrealized P&L",
      value: formatPnl(summary.unrealizedPnl),
      tone: pnlClass(summary.unrealizedPnl),
    },
    { label: "Realized P&L", value: formatPnl(summary.realizedPnl), tone: pnlClass(summary.realizedPnl) },
    { label: "Gross exposure", value: formatMoney(summary.grossExposure) },
  ];
  return (
    <section className="grid grid-figures" aria-label="Portfolio summary">
      {figures.map((figure) => (
        <dl key={figure.label} className="panel counter">
          <dt>{figure.label}</dt>
          <dd className={figure.tone} data-testid={`summary-${figure.label}`}>
            {figure.value}
          </dd>
        </dl>
      ))}
    </section>
  );
}

function VaRPanel({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const [confidence, setConfidence] = useState<number>(0.99);
  const [horizon, setHorizon] = useState<Horizon>("1D");
  const [method, setMethod] = useState<VaRMethod>("historical");
  const [volatility, setVolatility] = useState<Volatility>("sample");
  const risk = useQuery({
    ...trpc.portfolio.valueAtRisk.queryOptions({
      userId,
      confidence,
      horizon,
      volatility,
      lookbackDays: LOOKBACK_DAYS,
    }),
    refetchInterval: PORTFOLIO_REFRESH_MS,
  });
  const results = (risk.data ?? []) as unknown as VaRResult[];
  const chosen = results.find((result) => result.method === method);
  return (
    <section className="panel spaced" aria-labelledby="var-heading">
      <h2 id="var-heading">
        Value at risk and expected shortfall ({formatPercent(confidence, 1)}, {horizon}, {LOOKBACK_DAYS}-day
        lookback)
      </h2>
      <div className="switches">
        <Switch
          label="Confidence"
          options={CONFIDENCES}
          value={confidence}
          onChange={setConfidence}
          format={(c) => formatPercent(c, 1)}
        />
        <Switch label="Horizon" options={HORIZONS} value={horizon} onChange={setHorizon} format={(h) => h} />
        <Switch
          label="Components by"
          options={Object.keys(METHOD_LABELS) as VaRMethod[]}
          value={method}
          onChange={setMethod}
          format={(m) => METHOD_LABELS[m]}
        />
        <Switch
          label="Parametric volatility"
          options={Object.keys(VOLATILITY_LABELS) as Volatility[]}
          value={volatility}
          onChange={setVolatility}
          format={(v) => VOLATILITY_LABELS[v]}
        />
      </div>
      {risk.error ? (
        <p role="alert" className="error">
          No VaR: {risk.error.message}
        </p>
      ) : risk.isPending ? (
        <p className="updated">Computing…</p>
      ) : (
        <div className="grid grid-main">
          <table className="data" aria-label="VaR by method">
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col" className="num">
                  VaR
                </th>
                <th scope="col" className="num">
                  of exposure
                </th>
                <th scope="col" className="num">
                  ES
                </th>
                <th scope="col" className="num">
                  of exposure
                </th>
              </tr>
            </thead>
            <tbody>
              {results.map((result) => (
                <tr key={result.method} className={result.method === method ? "selected" : undefined}>
                  <th scope="row" title={result.notes.join("; ") || undefined}>
                    {METHOD_LABELS[result.method]}
                    {result.method === "parametric" && volatility === "ewma" ? " (EWMA)" : ""}
                  </th>
                  <td className="num" data-testid={`var-${result.method}`}>
                    {formatMoney(result.var)}
                  </td>
                  <td className="num">{formatBasisPoints(result.varFraction)}</td>
                  <td className="num">{formatMoney(result.expectedShortfall)}</td>
                  <td className="num">{formatBasisPoints(result.esFraction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>
            <h3>Component VaR, {METHOD_LABELS[method]}</h3>
            <div className="chart">
              {chosen ? <ComponentVaRChart components={chosen.components} /> : null}
            </div>
          </div>
        </div>
      )}
      <WhatIf
        userId={userId}
        method={method}
        confidence={confidence}
        horizon={horizon}
        volatility={volatility}
      />
      <VaRBacktestPanel userId={userId} confidence={confidence} volatility={volatility} method={method} />
    </section>
  );
}

/** A trader's book and its risk: the figures of @nexus/services/portfolio, refreshed as trades arrive. */
export function PortfolioScreen({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Live: the server pushes each commit that changes this book's positions (GET /api/portfolio/stream);
  // the book and its VaR refetch at once (an in-flight fetch is reused rather than cancelled, so a burst
  // of trades cannot starve the screen). The heavier figures refresh when asked again.
  const [live, setLive] = useState<"connecting" | "live" | "reconnecting">("connecting");
  const [pushedAt, setPushedAt] = useState<Date | undefined>(undefined);
  useEffect(() => {
    const source = new EventSource(`/api/portfolio/stream?user=${encodeURIComponent(userId)}`);
    source.onopen = () => setLive("live");
    source.onerror = () => setLive("reconnecting");
    source.addEventListener("positions", () => {
      setPushedAt(new Date());
      for (const procedure of [
        trpc.portfolio.summary,
        trpc.portfolio.positions,
        trpc.portfolio.valueAtRisk,
      ]) {
        void queryClient.invalidateQueries({ queryKey: procedure.pathKey() }, { cancelRefetch: false });
      }
    });
    return () => source.close();
  }, [userId, queryClient, trpc]);
  const summary = useQuery({
    ...trpc.portfolio.summary.queryOptions({ userId }),
    refetchInterval: PORTFOLIO_REFRESH_MS,
  });
  const positions = useQuery({
    ...trpc.portfolio.positions.queryOptions({ userId }),
    refetchInterval: PORTFOLIO_REFRESH_MS,
  });
  if (summary.error) {
    return (
      <p role="alert" className="error">
        Could not load the portfolio: {summary.error.message}
      </p>
    );
  }
  if (summary.data === undefined) return <p className="updated">Loading…</p>;
  const open = ((positions.data ?? []) as unknown as Position[]).filter(
    (row) => !/^-?0(\.0+)?$/.test(row.quantity),
  );
  const data = summary.data as unknown as Summary;
  return (
    <>
      <p className="updated" aria-live="polite">
        Marked at the last trade price; risk on daily closes to {data.historyAsOf ?? "–"}.{" "}
        <span data-testid="portfolio-live">
          {live === "live"
            ? `Live: updates as trades are applied${pushedAt ? ` (last change ${formatUtcTime(pushedAt)} UTC)` : ""}.`
            : `Refreshed every ${PORTFOLIO_REFRESH_MS / 1000} s (live updates ${live}).`}
        </span>
      </p>
      {data.marketDataStaleAsOf ? (
        <p className="notice refused" role="status" data-testid="market-data-stale">
          Prices stale as of {data.marketDataStaleAsOf}: the market-data service cannot be reached, so the
          figures use the stored daily closes.
        </p>
      ) : null}
      <SummaryPanel summary={data} />
      <section className="panel spaced" aria-labelledby="positions-heading">
        <h2 id="positions-heading">Positions ({data.openPositions})</h2>
        <SyncPositions userId={userId} />
        <DataTable
          caption="Positions"
          columns={positionColumns}
          data={open}
          rowId={(row) => row.symbol}
          emptyMessage="No open positions: trades of this user build them."
        />
      </section>
      {open.length > 0 ? (
        <>
          <VaRPanel userId={userId} />
          {data.historyAsOf ? <PerformancePanel userId={userId} asOf={data.historyAsOf} /> : null}
          <div className="grid grid-halves spaced">
            <CorrelationHeatmap userId={userId} />
            <RiskDecompositionPanel userId={userId} />
          </div>
          <div className="spaced">
            <StressRunner
              userId={userId}
              sectors={[...new Set(open.flatMap((row) => (row.sector === null ? [] : [row.sector])))].sort()}
            />
          </div>
        </>
      ) : null}
    </>
  );
}
