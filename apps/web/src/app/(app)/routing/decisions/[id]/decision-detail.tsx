"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import { DataTable } from "../../../../../components/data-table";
import { formatDecimalString, formatMoney, formatPercent, formatUtc } from "../../../../../lib/format";
import { useTRPC } from "../../../../../trpc/react";

type Detail = RouterOutputs["routing"]["decision"];
type Candidate = Detail["decision"]["alternatives"][number];
type Exclusion = Detail["decision"]["excluded"][number];
type Allocation = Detail["decision"]["splits"][number];
type Attempt = Detail["decision"]["attempts"][number];
type Execution = Detail["executions"][number];

const num = { className: "num" } as const;
const mono = { className: "mono" } as const;
const orDash = (value: string | null) => (value === null ? "–" : formatDecimalString(value));

const candidateColumns: ColumnDef<Candidate>[] = [
  { id: "rank", header: "Rank", cell: ({ row }) => row.original.rank, meta: num },
  {
    id: "venue",
    header: "Venue",
    cell: ({ row }) => `${row.original.venueId}${row.original.rank === 1 ? " (selected)" : ""}`,
    meta: mono,
  },
  { id: "score", header: "Score", cell: ({ row }) => row.original.score.toFixed(3), meta: num },
  {
    id: "price",
    header: "Price",
    cell: ({ row }) => formatDecimalString(row.original.expectedPrice),
    meta: num,
  },
  {
    id: "fee",
    header: "Fee / share",
    cell: ({ row }) => formatDecimalString(row.original.feePerShare),
    meta: num,
  },
  {
    id: "allIn",
    header: "All-in",
    cell: ({ row }) => formatDecimalString(row.original.allInPrice),
    meta: num,
  },
  {
    id: "quantity",
    header: "Expected shares",
    cell: ({ row }) => formatDecimalString(row.original.expectedQuantity),
    meta: num,
  },
  {
    id: "fill",
    header: "Fill probability",
    cell: ({ row }) => formatPercent(row.original.fillProbability, 1),
    meta: num,
  },
  { id: "latency", header: "Latency", cell: ({ row }) => `${row.original.latencyMs} ms`, meta: num },
  { id: "why", header: "Why", cell: ({ row }) => row.original.reason },
];

const exclusionColumns: ColumnDef<Exclusion>[] = [
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId, meta: mono },
  { id: "constraint", header: "Failed check", cell: ({ row }) => row.original.reason, meta: mono },
  { id: "detail", header: "Detail", cell: ({ row }) => row.original.detail },
];

const allocationColumns: ColumnDef<Allocation>[] = [
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId, meta: mono },
  {
    id: "quantity",
    header: "Shares",
    cell: ({ row }) => formatDecimalString(row.original.quantity),
    meta: num,
  },
  {
    id: "average",
    header: "Average price",
    cell: ({ row }) => formatDecimalString(row.original.averagePrice),
    meta: num,
  },
  {
    id: "limit",
    header: "Limit",
    cell: ({ row }) => formatDecimalString(row.original.limitPrice),
    meta: num,
  },
  {
    id: "allIn",
    header: "All-in",
    cell: ({ row }) => formatDecimalString(row.original.allInPrice),
    meta: num,
  },
];

const attemptColumns: ColumnDef<Attempt>[] = [
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId, meta: mono },
  { id: "child", header: "Child order", cell: ({ row }) => row.original.childOrderId, meta: mono },
  { id: "outcome", header: "Outcome", cell: ({ row }) => row.original.outcome },
  {
    id: "latency",
    header: "Latency",
    cell: ({ row }) => `${row.original.latencyMs.toFixed(1)} ms`,
    meta: num,
  },
  { id: "detail", header: "Detail", cell: ({ row }) => row.original.detail },
];

const executionColumns: ColumnDef<Execution>[] = [
  { id: "time", header: "Time (UTC)", cell: ({ row }) => formatUtc(row.original.executedAt) },
  { id: "venue", header: "Venue", cell: ({ row }) => row.original.venueId, meta: mono },
  { id: "status", header: "Status", cell: ({ row }) => row.original.status },
  {
    id: "filled",
    header: "Filled / sent",
    cell: ({ row }) =>
      `${formatDecimalString(row.original.executedQuantity)} / ${formatDecimalString(row.original.requestedQuantity)}`,
    meta: num,
  },
  { id: "price", header: "Price", cell: ({ row }) => orDash(row.original.executedPrice), meta: num },
  { id: "fee", header: "Fee", cell: ({ row }) => formatMoney(row.original.fee, 4), meta: num },
  {
    id: "improvement",
    header: "Improvement / share",
    cell: ({ row }) => formatDecimalString(row.original.priceImprovement),
    meta: num,
  },
  { id: "quality", header: "Quality", cell: ({ row }) => row.original.executionQuality },
];

/** One decision: the NBBO snapshot, every candidate and why the winner won, child orders and fills. */
export function DecisionDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.routing.decision.queryOptions({ id }));
  if (detail.isPending) return <p className="updated">Loading…</p>;
  if (detail.data === undefined) {
    return (
      <p role="alert" className="error">
        Could not load the decision{detail.error ? `: ${detail.error.message}` : "."}
      </p>
    );
  }
  const { decision, executions } = detail.data;
  return (
    <>
      <section className="panel" aria-labelledby="decision-summary">
        <h2 id="decision-summary">
          {decision.side} {formatDecimalString(decision.quantity)} {decision.symbol}
          {decision.limitPrice === null ? " at market" : ` limit ${formatDecimalString(decision.limitPrice)}`}
          : {decision.outcome}
          {decision.selectedVenueId === null ? "" : ` to ${decision.selectedVenueId}`}
        </h2>
        <dl>
          <dt>Decided</dt>
          <dd>{formatUtc(decision.decidedAt)}</dd>
          <dt>Strategy</dt>
          <dd>{decision.strategy}</dd>
          <dt>Why</dt>
          <dd>{decision.reason}</dd>
          {decision.haltId !== null && (
            <>
              <dt>Trading halt</dt>
              <dd className="mono">{decision.haltId}</dd>
            </>
          )}
          <dt>NBBO at decision</dt>
          <dd>
            bid {orDash(decision.nbboBidPrice)} × {orDash(decision.nbboBidSize)}, ask{" "}
            {orDash(decision.nbboAskPrice)} × {orDash(decision.nbboAskSize)}
          </dd>
          {decision.expectedPrice !== null && (
            <>
              <dt>Expected</dt>
              <dd>
                {orDash(decision.expectedQuantity)} shares at {formatDecimalString(decision.expectedPrice)}
                {decision.expectedCost === null
                  ? ""
                  : `, all-in cost ${formatMoney(decision.expectedCost, 4)}`}
              </dd>
            </>
          )}
          <dt>Order</dt>
          <dd className="mono">
            {decision.orderId} (user {decision.userId})
          </dd>
        </dl>
      </section>
      <section className="panel spaced" aria-labelledby="candidates">
        <h2 id="candidates">Eligible venues, as ranked</h2>
        <DataTable
          caption="Eligible venues"
          columns={candidateColumns}
          data={decision.alternatives}
          rowId={(row) => row.venueId}
          emptyMessage="No venue was eligible."
        />
      </section>
      <section className="panel spaced" aria-labelledby="excluded">
        <h2 id="excluded">Venues left out, every failed check</h2>
        <DataTable
          caption="Venues left out"
          columns={exclusionColumns}
          data={decision.excluded}
          rowId={(row) => `${row.venueId}-${row.reason}`}
          emptyMessage="No venue was left out."
        />
      </section>
      {decision.splits.length > 0 && (
        <section className="panel spaced" aria-labelledby="allocations">
          <h2 id="allocations">Split allocations</h2>
          <DataTable
            caption="Split allocations"
            columns={allocationColumns}
            data={decision.splits}
            rowId={(row) => row.venueId}
            emptyMessage="Nothing allocated."
          />
        </section>
      )}
      <section className="panel spaced" aria-labelledby="child-orders">
        <h2 id="child-orders">Child orders</h2>
        <DataTable
          caption="Child orders"
          columns={attemptColumns}
          data={decision.attempts}
          rowId={(row) => row.childOrderId}
          emptyMessage="No child order was sent (a route without execution, or a refusal)."
        />
      </section>
      <section className="panel spaced" aria-labelledby="fills">
        <h2 id="fills">Execution reports</h2>
        <DataTable
          caption="Execution reports"
          columns={executionColumns}
          data={executions}
          rowId={(row) => row.id}
          emptyMessage="No execution reports."
        />
      </section>
    </>
  );
}
