"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import type { FormEvent } from "react";
import { useState } from "react";
import { DataTable } from "../../../../components/data-table";
import { formatUtc } from "../../../../lib/format";
import { useTRPC } from "../../../../trpc/react";
import { STATUS_LABELS, TYPE_LABELS } from "../alert-labels";

type Row = RouterOutputs["alerts"]["qaQueue"][number];

function SampleRate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policy = useQuery(trpc.alerts.qaPolicy.queryOptions());
  const update = useMutation(
    trpc.alerts.setQaPolicy.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.qaPolicy.queryKey() }),
    }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const percent = Number(new FormData(event.currentTarget).get("percent"));
    update.mutate({ rate: (percent / 100).toFixed(4) });
  }
  if (policy.data === undefined) return null;
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Sample rate">
      <label className="field">
        Closures sampled (%)
        <input
          name="percent"
          type="number"
          min={0}
          max={100}
          step={0.01}
          key={policy.data.sampleRate}
          defaultValue={Number(policy.data.sampleRate) * 100}
        />
      </label>
      <button type="submit" className="button secondary" disabled={update.isPending}>
        Set rate
      </button>
      {update.error && (
        <span className="error" role="alert">
          {update.error.message}
        </span>
      )}
    </form>
  );
}

export function QaQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useQuery(trpc.alerts.qaQueue.queryOptions({}));
  const decide = useMutation(
    trpc.alerts.qaDecide.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.qaQueue.queryKey({}) }),
    }),
  );
  const [notes, setNotes] = useState<Record<string, string>>({});

  const columns: ColumnDef<Row>[] = [
    {
      header: "Sampled (UTC)",
      cell: ({ row }) => <a href={`/alerts/${row.original.alertId}`}>{formatUtc(row.original.sampledAt)}</a>,
    },
    { header: "Type", cell: ({ row }) => TYPE_LABELS[row.original.alertType] },
    { header: "Symbol", cell: ({ row }) => row.original.symbol },
    { header: "Closed as", cell: ({ row }) => STATUS_LABELS[row.original.status] },
    {
      header: "Reason and notes",
      cell: ({ row }) => `${row.original.dispositionReason ?? ""}: ${row.original.dispositionNotes ?? ""}`,
    },
    { header: "Closed by", cell: ({ row }) => row.original.closedByName ?? "a service" },
    {
      header: "Decision",
      cell: ({ row }) =>
        row.original.closedByCaller ? (
          <span className="empty">Your closure: another officer decides</span>
        ) : (
          <span className="actions">
            <input
              aria-label={`Notes on ${row.original.alertId}`}
              placeholder="Notes (needed to return)"
              value={notes[row.original.alertId] ?? ""}
              onChange={(event) => setNotes({ ...notes, [row.original.alertId]: event.target.value })}
            />
            {(["pass", "return"] as const).map((outcome) => (
              <button
                key={outcome}
                type="button"
                className={outcome === "pass" ? "button" : "button secondary"}
                disabled={decide.isPending}
                onClick={() => {
                  const text = notes[row.original.alertId]?.trim();
                  decide.mutate({
                    alertId: row.original.alertId,
                    outcome,
                    ...(text ? { notes: text } : {}),
                  });
                }}
              >
                {outcome === "pass" ? "Pass" : "Return for review"}
              </button>
            ))}
          </span>
        ),
    },
  ];

  return (
    <section className="panel" aria-label="Closures waiting for QA">
      <SampleRate />
      {(queue.error ?? decide.error) && (
        <p className="error" role="alert">
          {queue.error?.message ?? decide.error?.message}
        </p>
      )}
      <DataTable
        caption="Closures waiting for a second reviewer"
        columns={columns}
        data={queue.data ?? []}
        rowId={(row) => row.reviewId}
        emptyMessage={queue.isPending ? "Loading…" : "No closure is waiting for QA."}
      />
    </section>
  );
}
