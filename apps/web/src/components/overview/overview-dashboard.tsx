"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import dynamic from "next/dynamic";
import { DataTable } from "../data-table";
import { formatCount, formatDecimalString } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import { OVERVIEW_INPUT, OVERVIEW_REFRESH_MS } from "./summary-input";

type Summary = RouterOutputs["overview"]["summary"];
type Trade = Summary["latestTrades"][number];
type SymbolActivity = Summary["activeSymbols"][number];

// Browser-only: recharts measures its container, which has no size on the server (docs/conventions.md, Traps).
// The placeholder has the chart's fixed height, so nothing moves when it appears.
const EventsChart = dynamic(() => import("./events-chart"), { ssr: false, loading: () => null });

const COUNTERS = [
  { table: "order_events", label: "Orders", testId: "count-orders" },
  { table: "trade_events", label: "Trades", testId: "count-trades" },
  { table: "quote_events", label: "Quotes", testId: "count-quotes" },
] as const;

const tradeColumns: ColumnDef<Trade>[] = [
  { id: "time", header: "Time (UTC)", cell: ({ row }) => row.original.occurredAt.slice(11, 23) },
  { id: "symbol", header: "Symbol", cell: ({ row }) => row.original.symbol },
  {
    id: "side",
    header: "Aggressor",
    cell: ({ row }) => (
      <span className={`side-${row.original.aggressorSide}`}>{row.original.aggressorSide}</span>
    ),
  },
  {
    id: "price",
    header: "Price",
    cell: ({ row }) => formatDecimalString(row.original.price),
    meta: { className: "num" },
  },
  {
    id: "quantity",
    header: "Quantity",
    cell: ({ row }) => formatDecimalString(row.original.quantity),
    meta: { className: "num" },
  },
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId ?? "internal" },
];

const symbolColumns: ColumnDef<SymbolActivity>[] = [
  { id: "symbol", header: "Symbol", cell: ({ row }) => row.original.symbol },
  {
    id: "trades",
    header: "Trades",
    cell: ({ row }) => formatCount(row.original.trades),
    meta: { className: "num" },
  },
  {
    id: "volume",
    header: "Volume",
    cell: ({ row }) => formatDecimalString(row.original.volume),
    meta: { className: "num" },
  },
  {
    id: "last",
    header: "Last",
    cell: ({ row }) => formatDecimalString(row.original.lastPrice),
    meta: { className: "num" },
  },
];

/** The live ingestion picture; the server prefetched the first answer, the browser keeps it fresh. */
export function OverviewDashboard() {
  const trpc = useTRPC();
  const summary = useQuery({
    ...trpc.overview.summary.queryOptions(OVERVIEW_INPUT),
    refetchInterval: OVERVIEW_REFRESH_MS,
  });

  if (summary.isPending) return <p className="updated">Loading…</p>;
  if (summary.data === undefined) {
    return (
      <p role="alert" className="error">
        Could not load the overview{summary.error ? `: ${summary.error.message}` : "."}
      </p>
    );
  }
  const { asOf, eventCounts, eventsPerMinute, latestTrades, activeSymbols } = summary.data;
  const quietHour = eventsPerMinute.every((point) => point.orders + point.trades + point.quotes === 0);

  return (
    <>
      <p className="updated" aria-live="polite">
        As of {asOf.slice(11, 19)} UTC, refreshed every {OVERVIEW_REFRESH_MS / 1000} s
        {summary.error ? ` (last refresh failed: ${summary.error.message})` : ""}
      </p>
      <section className="grid grid-counters" aria-label="Ingested events">
        {COUNTERS.map((counter) => {
          const row = eventCounts.find((candidate) => candidate.table === counter.table);
          return (
            <dl key={counter.table} className="panel counter">
              <dt>{counter.label} ingested</dt>
              <dd
                data-testid={counter.testId}
                title={row?.estimated ? "Estimated from table statistics" : undefined}
              >
                {row === undefined ? "–" : `${row.estimated ? "≈" : ""}${formatCount(row.count)}`}
              </dd>
            </dl>
          );
        })}
      </section>
      <div className="grid grid-main">
        <section className="panel" aria-labelledby="per-minute">
          <h2 id="per-minute">Events per minute, last hour</h2>
          <div className="chart">
            {quietHour ? (
              <p className="empty">
                No events in the last hour: start the worker (or the simulator) to see live flow.
              </p>
            ) : (
              <EventsChart points={eventsPerMinute} />
            )}
          </div>
        </section>
        <section className="panel" aria-labelledby="active-symbols">
          <h2 id="active-symbols">Most active symbols, last hour</h2>
          <DataTable
            caption="Most active symbols"
            columns={symbolColumns}
            data={activeSymbols}
            rowId={(row) => row.symbol}
            emptyMessage="No trades in the last hour."
          />
        </section>
      </div>
      <section className="panel spaced" aria-labelledby="latest-trades">
        <h2 id="latest-trades">Latest trades</h2>
        <DataTable
          caption="Latest trades"
          columns={tradeColumns}
          data={latestTrades}
          rowId={(row) => row.eventId}
          emptyMessage="No trades ingested yet: the worker stores trades.executed events here as they arrive."
        />
      </section>
    </>
  );
}
