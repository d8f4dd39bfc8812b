"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import { DataTable } from "../../../components/data-table";
import {
  formatCount,
  formatDecimalString,
  formatMoney,
  formatPercent,
  formatUtcTime,
} from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";
import { DECISIONS_INPUT, STATS_INPUT } from "./dashboard-inputs";
import { useBreakerStates } from "./venue-operations";

const REFRESH_MS = 5_000;

type VenueQuality = RouterOutputs["routing"]["stats"]["venues"][number];
type Decision = RouterOutputs["routing"]["decisions"][number];

const milliseconds = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)} ms`);

type VenueRow = VenueQuality & { breaker: string };

const venueColumns: ColumnDef<VenueRow>[] = [
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId, meta: { className: "mono" } },
  {
    id: "breaker",
    header: "Breaker",
    cell: ({ row }) => (
      <span className={`breaker breaker-${row.original.breaker}`}>
        {row.original.breaker.replace("_", "-")}
      </span>
    ),
  },
  {
    id: "orders",
    header: "Child orders",
    cell: ({ row }) => formatCount(row.original.childOrders),
    meta: { className: "num" },
  },
  {
    id: "failures",
    header: "Failed over",
    cell: ({ row }) => formatCount(row.original.failures),
    meta: { className: "num" },
  },
  {
    id: "fillRate",
    header: "Fill rate",
    cell: ({ row }) => formatPercent(row.original.fillRate, 1),
    meta: { className: "num" },
  },
  {
    id: "p50",
    header: "Latency p50",
    cell: ({ row }) => milliseconds(row.original.latencyP50Ms),
    meta: { className: "num" },
  },
  {
    id: "p99",
    header: "Latency p99",
    cell: ({ row }) => milliseconds(row.original.latencyP99Ms),
    meta: { className: "num" },
  },
  {
    id: "improvement",
    header: "Price improvement / share",
    cell: ({ row }) =>
      row.original.priceImprovementPerShare === null
        ? "–"
        : formatMoney(row.original.priceImprovementPerShare, 4),
    meta: { className: "num" },
  },
  {
    id: "fees",
    header: "Net fees",
    cell: ({ row }) => formatMoney(row.original.netFees, 2),
    meta: { className: "num" },
  },
];

const decisionColumns: ColumnDef<Decision>[] = [
  { id: "time", header: "Time (UTC)", cell: ({ row }) => formatUtcTime(row.original.decidedAt) },
  { id: "symbol", header: "Symbol", cell: ({ row }) => row.original.symbol },
  {
    id: "order",
    header: "Order",
    cell: ({ row }) => (
      <span className={row.original.side === "buy" ? "side-buy" : "side-sell"}>
        {row.original.side} {formatDecimalString(row.original.quantity)}
      </span>
    ),
    meta: { className: "num" },
  },
  { id: "strategy", header: "Strategy", cell: ({ row }) => row.original.strategy },
  {
    id: "outcome",
    header: "Outcome",
    cell: ({ row }) => (row.original.haltId === null ? row.original.outcome : "refused (halt)"),
  },
  {
    id: "venue",
    header: "Venue",
    cell: ({ row }) => row.original.selectedVenueId ?? "–",
    meta: { className: "mono" },
  },
  {
    id: "price",
    header: "Expected price",
    cell: ({ row }) =>
      row.original.expectedPrice === null ? "–" : formatDecimalString(row.original.expectedPrice),
    meta: { className: "num" },
  },
  {
    id: "detail",
    header: "Decision",
    cell: ({ row }) => (
      <a
        href={`/routing/decisions/${row.original.id}`}
        aria-label={`Decision for ${row.original.symbol} at ${formatUtcTime(row.original.decidedAt)}`}
      >
        Details
      </a>
    ),
  },
];

/** Venue quality and the latest decisions; the server prefetched both, the browser keeps them fresh. */
export function RoutingDashboard() {
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.routing.stats.queryOptions(STATS_INPUT), refetchInterval: REFRESH_MS });
  const decisions = useQuery({
    ...trpc.routing.decisions.queryOptions(DECISIONS_INPUT),
    refetchInterval: REFRESH_MS,
  });
  const breakers = useBreakerStates();
  const venues = (stats.data?.venues ?? []).map((venue) => ({
    ...venue,
    breaker: breakers.get(venue.venueId) ?? "closed",
  }));
  const counts = stats.data?.decisions;
  return (
    <>
      {counts && (
        <section className="grid grid-counters" aria-label="Routing decisions, last 24 hours">
          {(
            [
              ["Decisions", counts.decisions],
              ["Routed", counts.routed],
              ["Split", counts.split],
              ["Refused", counts.refused],
              ["Halted", counts.halted],
            ] as const
          ).map(([label, value]) => (
            <dl key={label} className="panel counter">
              <dt>{label}, 24 h</dt>
              <dd>{formatCount(value)}</dd>
            </dl>
          ))}
        </section>
      )}
      <section className="panel spaced" aria-labelledby="venue-quality">
        <h2 id="venue-quality">Venue quality, last 24 hours</h2>
        {stats.error ? (
          <p role="alert" className="error">
            Could not load venue statistics: {stats.error.message}
          </p>
        ) : (
          <DataTable
            caption="Venue quality"
            columns={venueColumns}
            data={venues}
            rowId={(row) => row.venueId}
            emptyMessage="No child orders sent in the last 24 hours."
          />
        )}
      </section>
      <section className="panel spaced" aria-labelledby="decisions">
        <h2 id="decisions">Latest decisions</h2>
        {decisions.error ? (
          <p role="alert" className="error">
            Could not load the decisions: {decisions.error.message}
          </p>
        ) : (
          <DataTable
            caption="Routing decisions"
            columns={decisionColumns}
            data={decisions.data ?? []}
            rowId={(row) => row.id}
            emptyMessage="No routing decisions yet: the simulated flow and orders routed through the API appear here."
          />
        )}
      </section>
    </>
  );
}
