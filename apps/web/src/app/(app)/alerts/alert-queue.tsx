"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterInputs, RouterOutputs } from "@nexus/api";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { DataTable } from "../../../components/data-table";
import { formatUtc } from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";
import { SEVERITIES, STATUSES, STATUS_LABELS, TYPES, TYPE_LABELS, daysOpen } from "./alert-labels";
import type { AlertSeverity, AlertStatus, AlertType } from "./alert-labels";

type Row = RouterOutputs["alerts"]["queue"]["rows"][number];
type Filter = NonNullable<RouterInputs["alerts"]["queue"]["filter"]>;

const OPEN_STATUSES: AlertStatus[] = ["open", "under_review", "escalated"];

/** The filter the address holds: ?status=open,escalated&severity=high&type=spoofing&symbol=AAPL&assignee=me&order=oldest */
function filterFrom(params: URLSearchParams): { filter: Filter; order: "newest" | "oldest" } {
  const list = <T extends string>(key: string, allowed: readonly T[]) =>
    (params.get(key) ?? "")
      .split(",")
      .filter((value): value is T => (allowed as readonly string[]).includes(value));
  const statuses = params.has("status") ? list("status", STATUSES) : OPEN_STATUSES;
  const filter: Filter = { statuses };
  const severities = list<AlertSeverity>("severity", SEVERITIES);
  if (severities.length > 0) filter.severities = severities;
  const types = list<AlertType>("type", TYPES);
  if (types.length > 0) filter.types = types;
  const symbol = params.get("symbol")?.trim().toUpperCase();
  if (symbol) filter.symbol = symbol;
  const assignee = params.get("assignee");
  if (assignee === "me" || assignee === "unassigned") filter.assignee = assignee;
  const from = params.get("from");
  if (from) filter.from = new Date(`${from}T00:00:00Z`);
  const to = params.get("to");
  if (to) filter.to = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  return { filter, order: params.get("order") === "oldest" ? "oldest" : "newest" };
}

export function AlertQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { filter, order } = useMemo(() => filterFrom(new URLSearchParams(params.toString())), [params]);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params.toString());
    if (value === undefined || value === "") next.delete(key);
    else next.set(key, value);
    router.replace(`${pathname}?${next.toString()}`);
  };

  const queue = useInfiniteQuery(
    trpc.alerts.queue.infiniteQueryOptions(
      { filter, order, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor, initialCursor: undefined },
    ),
  );
  const counts = useQuery(trpc.alerts.counts.queryOptions({ filter }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.queue.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.counts.pathKey() });
  };
  const step = useMutation(trpc.alerts.step.mutationOptions({ onSuccess: refresh }));
  const assign = useMutation(trpc.alerts.assign.mutationOptions({ onSuccess: refresh }));

  // Live: the server pushes each new or updated alert (GET /api/alerts/stream); the queue refetches.
  const [live, setLive] = useState<"connecting" | "live" | "reconnecting">("connecting");
  useEffect(() => {
    const source = new EventSource("/api/alerts/stream");
    source.onopen = () => setLive("live");
    source.onerror = () => setLive("reconnecting");
    source.addEventListener("alert", refresh);
    return () => source.close();
    // Subscribed once: refresh only invalidates by key, and re-subscribing on every render would drop the stream.
  }, []);

  const rows = useMemo(() => queue.data?.pages.flatMap((page) => page.rows) ?? [], [queue.data]);
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      const current = rows[cursor];
      if (event.key === "j") setCursor((at) => Math.min(at + 1, rows.length - 1));
      else if (event.key === "k") setCursor((at) => Math.max(at - 1, 0));
      else if (event.key === "Enter" && current) router.push(`/alerts/${current.id}`);
      else if (event.key === "a" && current) assign.mutate({ alertIds: [current.id], assigneeId: "me" });
      else if (event.key === "e" && current) step.mutate({ alertIds: [current.id], action: "escalate" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, cursor, router, assign, step]);

  const now = new Date();
  const columns: ColumnDef<Row>[] = [
    {
      header: "Detected (UTC)",
      cell: ({ row }) => <a href={`/alerts/${row.original.id}`}>{formatUtc(row.original.detectedAt)}</a>,
    },
    {
      header: "Days open",
      cell: ({ row }) => daysOpen(row.original.detectedAt, now),
      meta: { className: "num" },
    },
    { header: "Type", cell: ({ row }) => TYPE_LABELS[row.original.alertType] },
    {
      header: "Severity",
      cell: ({ row }) => <span className={`severity-${row.original.severity}`}>{row.original.severity}</span>,
    },
    { header: "Symbol", cell: ({ row }) => row.original.symbol },
    { header: "Status", cell: ({ row }) => STATUS_LABELS[row.original.status] },
    {
      header: "Confidence",
      cell: ({ row }) => Number(row.original.confidenceScore).toFixed(2),
      meta: { className: "num" },
    },
    { header: "Description", cell: ({ row }) => row.original.description },
    {
      header: "Assignee",
      cell: ({ row }) =>
        row.original.assigneeName ?? (row.original.assigneeId === null ? "—" : "former user"),
    },
  ];

  return (
    <section className="panel" aria-label="Alert queue">
      <nav className="switches" aria-label="Status">
        {STATUSES.map((status) => {
          const active = filter.statuses?.includes(status) ?? false;
          return (
            <button
              key={status}
              type="button"
              className={active ? "switch active" : "switch"}
              aria-pressed={active}
              onClick={() => {
                const chosen = new Set(filter.statuses);
                if (active) chosen.delete(status);
                else chosen.add(status);
                // None chosen reads as the open statuses again (the address without ?status).
                setParam("status", [...chosen].join(","));
              }}
            >
              {STATUS_LABELS[status]} <span className="count">{counts.data?.[status] ?? "…"}</span>
            </button>
          );
        })}
        <span className="updated" role="status">
          {live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
      </nav>
      <form className="inline-form" onSubmit={(event) => event.preventDefault()} aria-label="Filters">
        <label className="field">
          Severity
          <select
            value={params.get("severity") ?? ""}
            onChange={(event) => setParam("severity", event.target.value)}
          >
            <option value="">any</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Type
          <select value={params.get("type") ?? ""} onChange={(event) => setParam("type", event.target.value)}>
            <option value="">any</option>
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Symbol
          <input
            defaultValue={params.get("symbol") ?? ""}
            placeholder="AAPL"
            onBlur={(event) => setParam("symbol", event.target.value.trim().toUpperCase())}
            onKeyDown={(event) => {
              if (event.key === "Enter") setParam("symbol", event.currentTarget.value.trim().toUpperCase());
            }}
          />
        </label>
        <label className="field">
          Assignee
          <select
            value={params.get("assignee") ?? ""}
            onChange={(event) => setParam("assignee", event.target.value)}
          >
            <option value="">anyone</option>
            <option value="me">my queue</option>
            <option value="unassigned">unassigned</option>
          </select>
        </label>
        <label className="field">
          From
          <input
            type="date"
            value={params.get("from") ?? ""}
            onChange={(event) => setParam("from", event.target.value)}
          />
        </label>
        <label className="field">
          To
          <input
            type="date"
            value={params.get("to") ?? ""}
            onChange={(event) => setParam("to", event.target.value)}
          />
        </label>
        <label className="field">
          Order
          <select
            value={order}
            onChange={(event) => setParam("order", event.target.value === "newest" ? "" : event.target.value)}
          >
            <option value="newest">newest first</option>
            <option value="oldest">oldest first (ageing)</option>
          </select>
        </label>
      </form>
      {(queue.error || step.error || assign.error) && (
        <p className="error" role="alert">
          {queue.error?.message ?? step.error?.message ?? assign.error?.message}
        </p>
      )}
      <DataTable
        caption="Alerts matching the filters"
        columns={columns}
        data={rows}
        rowId={(row) => row.id}
        activeRowId={rows[cursor]?.id}
        emptyMessage={queue.isPending ? "Loading alerts…" : "No alert matches these filters."}
      />
      {queue.hasNextPage && (
        <p className="pager">
          <button
            type="button"
            className="button"
            disabled={queue.isFetchingNextPage}
            onClick={() => void queue.fetchNextPage()}
          >
            {queue.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </p>
      )}
    </section>
  );
}
