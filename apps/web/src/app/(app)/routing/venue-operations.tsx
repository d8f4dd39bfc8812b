"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import dynamic from "next/dynamic";
import type { RouterOutputs } from "@nexus/api";
import { DataTable } from "../../../components/data-table";
import {
  formatCount,
  formatDecimalString,
  formatMoney,
  formatPercent,
  formatUtcMinute,
  formatUtcTime,
} from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";
import { BREAKER_INPUT, DISTRIBUTION_INPUT, PERFORMANCE_INPUT } from "./dashboard-inputs";

const DistributionChart = dynamic(() => import("./distribution-chart"), { ssr: false, loading: () => null });
const LiquidityChart = dynamic(() => import("./liquidity-chart"), { ssr: false, loading: () => null });

const REFRESH_MS = 5_000;

type Transition = RouterOutputs["routing"]["breakerHistory"][number];
type Performance = RouterOutputs["routing"]["performance"][number];

const STATE_LABEL: Record<Transition["toState"], string> = {
  closed: "closed",
  open: "open",
  half_open: "half-open",
};

const transitionColumns: ColumnDef<Transition>[] = [
  { id: "time", header: "Time (UTC)", cell: ({ row }) => formatUtcTime(row.original.changedAt) },
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId, meta: { className: "mono" } },
  {
    id: "change",
    header: "Breaker",
    cell: ({ row }) => (
      <span className={`breaker breaker-${row.original.toState}`}>
        {STATE_LABEL[row.original.fromState]} → {STATE_LABEL[row.original.toState]}
      </span>
    ),
  },
  { id: "observer", header: "Router", cell: ({ row }) => row.original.observer },
];

const ratio = (value: string) => formatPercent(Number(value), 1);

const performanceColumns: ColumnDef<Performance>[] = [
  {
    id: "period",
    header: "Hour (UTC)",
    cell: ({ row }) => formatUtcMinute(new Date(row.original.periodStart)),
  },
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId, meta: { className: "mono" } },
  {
    id: "orders",
    header: "Child orders",
    cell: ({ row }) => formatCount(row.original.orderCount),
    meta: { className: "num" },
  },
  {
    id: "fill",
    header: "Fill rate",
    cell: ({ row }) => ratio(row.original.fillRate),
    meta: { className: "num" },
  },
  {
    id: "p50",
    header: "p50 / p99",
    cell: ({ row }) => `${row.original.latencyP50Ms} / ${row.original.latencyP99Ms} ms`,
    meta: { className: "num" },
  },
  {
    id: "improvement",
    header: "Improved",
    cell: ({ row }) => ratio(row.original.priceImprovementRate),
    meta: { className: "num" },
  },
  {
    id: "volume",
    header: "Shares",
    cell: ({ row }) => formatDecimalString(row.original.executedVolume),
    meta: { className: "num" },
  },
  {
    id: "fees",
    header: "Net fees",
    cell: ({ row }) => formatMoney(row.original.totalFees, 2),
    meta: { className: "num" },
  },
  {
    id: "rejects",
    header: "Failed",
    cell: ({ row }) => formatCount(row.original.rejectCount),
    meta: { className: "num" },
  },
];

/** Each venue's current breaker state: the last change a router recorded, closed without one. */
export function useBreakerStates(): Map<string, Transition["toState"]> {
  const trpc = useTRPC();
  const history = useQuery({
    ...trpc.routing.breakerHistory.queryOptions(BREAKER_INPUT),
    refetchInterval: REFRESH_MS,
  });
  const states = new Map<string, Transition["toState"]>();
  // Newest first: the first change seen per venue is its state now.
  for (const change of history.data ?? [])
    if (!states.has(change.venueId)) states.set(change.venueId, change.toState);
  return states;
}

/**
 * The venue dashboard's history and learning: routing distribution over time by venue and by strategy,
 * breaker changes, hourly venue performance (venue_performance, aggregated on demand) and the dark pools'
 * learned hidden-liquidity curves.
 */
export function VenueOperations() {
  const trpc = useTRPC();
  const distribution = useQuery({
    ...trpc.routing.distribution.queryOptions(DISTRIBUTION_INPUT),
    refetchInterval: REFRESH_MS,
  });
  const history = useQuery({
    ...trpc.routing.breakerHistory.queryOptions(BREAKER_INPUT),
    refetchInterval: REFRESH_MS,
  });
  const performance = useQuery({
    ...trpc.routing.performance.queryOptions(PERFORMANCE_INPUT),
    refetchInterval: 30_000,
  });
  const curves = useQuery({ ...trpc.routing.liquidityCurves.queryOptions(), refetchInterval: 30_000 });
  const rows = distribution.data ?? [];
  const byVenue = rows.map((r) => ({ bucketStart: r.bucketStart, key: r.venueId, decisions: r.decisions }));
  const byStrategy = rows.map((r) => ({
    bucketStart: r.bucketStart,
    key: r.strategy,
    decisions: r.decisions,
  }));
  const learned = (curves.data ?? []).map((c) => ({
    venueId: c.venueId,
    steps: c.curve.steps,
    curve: c.curve,
  }));
  return (
    <>
      <div className="grid grid-halves">
        <section className="panel" aria-labelledby="by-venue">
          <h2 id="by-venue">Routed orders per minute by venue, last hour</h2>
          <div className="chart">
            {rows.length === 0 ? (
              <p className="empty">No routed orders in the last hour.</p>
            ) : (
              <DistributionChart points={byVenue} />
            )}
          </div>
        </section>
        <section className="panel" aria-labelledby="by-strategy">
          <h2 id="by-strategy">Routed orders per minute by strategy, last hour</h2>
          <div className="chart">
            {rows.length === 0 ? (
              <p className="empty">No routed orders in the last hour.</p>
            ) : (
              <DistributionChart points={byStrategy} />
            )}
          </div>
        </section>
      </div>
      <div className="grid grid-halves">
        <section className="panel spaced" aria-labelledby="breaker-history">
          <h2 id="breaker-history">Circuit breaker history, last 24 hours</h2>
          <DataTable
            caption="Circuit breaker changes"
            columns={transitionColumns}
            data={history.data ?? []}
            rowId={(row) => row.id}
            emptyMessage="No breaker opened in the last 24 hours: every venue answered."
          />
        </section>
        <section className="panel" aria-labelledby="dark-liquidity">
          <h2 id="dark-liquidity">Dark liquidity learned by smart (Kaplan-Meier)</h2>
          <p className="hint">
            P(the pool holds at least x shares), from its own child orders; a full fill counts as “at least
            this much” (censored).{" "}
            {learned
              .map(
                (c) =>
                  `${c.venueId}: ${formatCount(c.curve.observations)} orders, ${formatCount(c.curve.censored)} full`,
              )
              .join("; ")}
          </p>
          <div className="chart">
            {learned.every((c) => c.curve.observations === 0) ? (
              <p className="empty">No dark pool orders yet.</p>
            ) : (
              <LiquidityChart curves={learned} />
            )}
          </div>
        </section>
      </div>
      <section className="panel spaced" aria-labelledby="venue-performance">
        <h2 id="venue-performance">Venue performance by hour, last 6 hours</h2>
        {performance.error ? (
          <p role="alert" className="error">
            Could not load venue performance: {performance.error.message}
          </p>
        ) : (
          <DataTable
            caption="Venue performance by hour"
            columns={performanceColumns}
            data={[...(performance.data ?? [])].reverse()}
            rowId={(row) => `${row.venueId} ${row.periodStart}`}
            emptyMessage="No child orders in the last 6 hours."
          />
        )}
      </section>
    </>
  );
}
