"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { DataTable } from "../../../components/data-table";
import { formatUtc } from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";
import { SEVERITIES, STATUSES, STATUS_LABELS, TYPES, TYPE_LABELS, daysOpen } from "./alert-labels";
import { CloseForm } from "./close-form";
import type { Closing, ClosingAction } from "./close-form";
import { queueFilterFrom } from "./queue-params";
import { ReviewerOptions } from "./reviewer-options";
import { SavedViews } from "./saved-views";

type Row = RouterOutputs["alerts"]["queue"]["rows"][number];

/** What a bulk action applies to: the ticked rows, or every alert the filter matches (server-side). */
type Scope = "selection" | "filter";

/** How many alerts a change touched, in words: "1 alert", "37 alerts". */
const alerts = (count: number) => `${count} alert${count === 1 ? "" : "s"}`;

export function AlertQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { filter, order } = useMemo(() => queueFilterFrom(new URLSearchParams(params.toString())), [params]);
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
  const reviewers = useQuery(trpc.alerts.reviewers.queryOptions());
  const [bulkAssignee, setBulkAssignee] = useState("me");
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.queue.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.counts.pathKey() });
  };
  const [done, setDone] = useState<string | undefined>(undefined);
  const report = (what: string) => (ids: unknown[]) => {
    setDone(`${what} ${alerts(ids.length)}.`);
    setSelected(new Set());
    setClosing(undefined);
    refresh();
  };
  const step = useMutation(trpc.alerts.step.mutationOptions({ onSuccess: refresh }));
  const assign = useMutation(trpc.alerts.assign.mutationOptions({ onSuccess: refresh }));
  const stepMatching = useMutation(trpc.alerts.stepMatching.mutationOptions());
  const assignMatching = useMutation(trpc.alerts.assignMatching.mutationOptions());

  // Live: the server pushes each new or updated alert (GET /api/alerts/stream); the queue refetches.
  const [live, setLive] = useState<"connecting" | "live" | "reconnecting">("connecting");
  useEffect(() => {
    const source = new EventSource("/api/alerts/stream");
    // On every (re)connection, refetch: an alert stored while the stream was away was never pushed.
    source.onopen = () => {
      setLive("live");
      refresh();
    };
    source.onerror = () => setLive("reconnecting");
    source.addEventListener("alert", refresh);
    return () => source.close();
    // Subscribed once: refresh only invalidates by key, and re-subscribing on every render would drop the stream.
  }, []);

  const rows = useMemo(() => queue.data?.pages.flatMap((page) => page.rows) ?? [], [queue.data]);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [scope, setScope] = useState<Scope>("selection");
  /** The close form: for the keyboard's one alert, or for the bulk scope. */
  const [closing, setClosing] = useState<{ ids: string[] | "scope"; action: ClosingAction } | undefined>();
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // A changed filter is a different set: what was ticked under the old one no longer applies.
  useEffect(() => {
    setSelected(new Set());
    setScope("selection");
    setCursor(0);
  }, [params]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      if (
        target instanceof HTMLInputElement ||
        target instanceof HTMLSelectElement ||
        target instanceof HTMLTextAreaElement ||
        event.metaKey ||
        event.ctrlKey ||
        event.altKey
      )
        return;
      const current = rows[cursor];
      if (event.key === "j") setCursor((at) => Math.min(at + 1, rows.length - 1));
      else if (event.key === "k") setCursor((at) => Math.max(at - 1, 0));
      else if (event.key === "Enter" && current) router.push(`/alerts/${current.id}`);
      else if (event.key === "x" && current) toggle(current.id);
      else if (event.key === "a" && current) assign.mutate({ alertIds: [current.id], assigneeId: "me" });
      else if (event.key === "e" && current) step.mutate({ alertIds: [current.id], action: "escalate" });
      else if (event.key === "d" && current) {
        event.preventDefault();
        setClosing({ ids: [current.id], action: "dismiss" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, cursor, router, assign, step]);

  const matching = (filter.statuses ?? STATUSES).reduce(
    (sum, status) => sum + (counts.data?.[status] ?? 0),
    0,
  );
  const scopeWords =
    scope === "filter" ? `all ${alerts(matching)} matching the filter` : `${alerts(selected.size)} selected`;
  const bulkReady = scope === "filter" ? matching > 0 : selected.size > 0;

  function close({ action, reason, notes }: Closing) {
    if (closing === undefined) return;
    const body = { action, reason: reason as never, notes };
    const onSuccess = report(action === "dismiss" ? "Dismissed" : "Confirmed");
    if (closing.ids !== "scope") step.mutate({ alertIds: closing.ids, ...body }, { onSuccess });
    else if (scope === "filter") stepMatching.mutate({ filter, ...body }, { onSuccess });
    else step.mutate({ alertIds: [...selected], ...body }, { onSuccess });
  }
  function assignScope(assigneeId: string | null) {
    const reviewer = reviewers.data?.find((candidate) => candidate.id === assigneeId);
    const onSuccess = report(assigneeId === null ? "Unassigned" : `Assigned to ${reviewer?.name ?? "you"}:`);
    if (scope === "filter") assignMatching.mutate({ filter, assigneeId }, { onSuccess });
    else assign.mutate({ alertIds: [...selected], assigneeId }, { onSuccess });
  }
  const failure = queue.error ?? step.error ?? assign.error ?? stepMatching.error ?? assignMatching.error;
  const pending = step.isPending || assign.isPending || stepMatching.isPending || assignMatching.isPending;
  const query = params.toString();

  const now = new Date();
  const allTicked = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const columns: ColumnDef<Row>[] = [
    {
      id: "select",
      header: () => (
        <input
          type="checkbox"
          aria-label="Select every loaded alert"
          checked={allTicked}
          onChange={() => setSelected(allTicked ? new Set() : new Set(rows.map((row) => row.id)))}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select alert ${row.original.id}`}
          checked={selected.has(row.original.id)}
          onChange={() => toggle(row.original.id)}
        />
      ),
    },
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
    {
      header: "User",
      cell: ({ row }) => (
        <button
          type="button"
          className="link"
          title={`Only alerts of user ${row.original.userId}`}
          onClick={() => setParam("user", row.original.userId)}
        >
          {row.original.userId.slice(0, 8)}
        </button>
      ),
    },
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
      <SavedViews query={query} />
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
          User
          <input
            key={params.get("user") ?? ""}
            defaultValue={params.get("user") ?? ""}
            placeholder="user id"
            size={14}
            onBlur={(event) => setParam("user", event.target.value.trim())}
            onKeyDown={(event) => {
              if (event.key === "Enter") setParam("user", event.currentTarget.value.trim());
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
            {reviewers.data?.map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {reviewer.name}
              </option>
            ))}
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
            <option value="severity">severity (critical first)</option>
          </select>
        </label>
      </form>
      <div className="bulk-bar" role="group" aria-label="Bulk actions">
        <label className="field inline">
          <input
            type="radio"
            name="scope"
            checked={scope === "selection"}
            onChange={() => setScope("selection")}
          />
          {alerts(selected.size)} selected
        </label>
        <label className="field inline">
          <input type="radio" name="scope" checked={scope === "filter"} onChange={() => setScope("filter")} />
          all {alerts(matching)} matching the filter
        </label>
        <label className="field inline">
          Assign to
          <select value={bulkAssignee} onChange={(event) => setBulkAssignee(event.target.value)}>
            <ReviewerOptions reviewers={reviewers.data} />
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={!bulkReady || pending}
          onClick={() => assignScope(bulkAssignee)}
        >
          Assign
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={!bulkReady || pending}
          onClick={() => assignScope(null)}
        >
          Unassign
        </button>
        <button
          type="button"
          className="button"
          disabled={!bulkReady || pending}
          onClick={() => setClosing({ ids: "scope", action: "dismiss" })}
        >
          Close…
        </button>
        <a className="button secondary" href={`/api/alerts/export?${query}`} download>
          Export CSV
        </a>
      </div>
      {closing !== undefined && (
        <CloseForm
          what={closing.ids === "scope" ? scopeWords : alerts(closing.ids.length)}
          initialAction={closing.action}
          pending={pending}
          onSubmit={close}
          onCancel={() => setClosing(undefined)}
        />
      )}
      {done !== undefined && failure === null && (
        <p className="updated" role="status">
          {done}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure.message}
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
