"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import { useState } from "react";
import { DataTable } from "../../../components/data-table";
import { formatUtc } from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";
import { AUDIT_PAGE_SIZE } from "./page-size";

type AuditEntry = RouterOutputs["audit"]["list"]["items"][number];

const columns: ColumnDef<AuditEntry>[] = [
  { id: "time", header: "Time (UTC)", cell: ({ row }) => formatUtc(row.original.occurredAt) },
  {
    id: "actor",
    header: "Actor",
    cell: ({ row }) =>
      `${row.original.actorType}${row.original.actorId ? ` ${row.original.actorId}` : " (system)"}`,
    meta: { className: "mono" },
  },
  { id: "action", header: "Action", cell: ({ row }) => row.original.action },
  {
    id: "entity",
    header: "Entity",
    cell: ({ row }) =>
      `${row.original.entityType}${row.original.entityId ? ` ${row.original.entityId}` : ""}`,
    meta: { className: "mono" },
  },
  { id: "ip", header: "IP", cell: ({ row }) => row.original.ip ?? "", meta: { className: "mono" } },
  {
    id: "details",
    header: "Details",
    cell: ({ row }) => JSON.stringify(row.original.details),
    meta: { className: "mono" },
  },
];

/** The audit trail, a page at a time; "Older" follows the cursor the API returns. */
export function AuditLog() {
  const trpc = useTRPC();
  // Cursors of the pages opened so far; the last one is the page on screen (none = newest).
  const [cursors, setCursors] = useState<string[]>([]);
  const beforeId = cursors.at(-1);
  const page = useQuery({
    ...trpc.audit.list.queryOptions({
      limit: AUDIT_PAGE_SIZE,
      ...(beforeId === undefined ? {} : { beforeId }),
    }),
    placeholderData: keepPreviousData,
  });

  if (page.error)
    return (
      <p role="alert" className="error">
        Could not load the audit log: {page.error.message}
      </p>
    );
  const items = page.data?.items ?? [];
  const nextCursor = page.data?.nextCursor ?? null;
  return (
    <>
      <DataTable
        caption="Audit log entries"
        columns={columns}
        data={items}
        rowId={(entry) => entry.id}
        emptyMessage="No audit entries yet: sign-ins, key changes and dispositions will appear here as they happen."
      />
      <div className="pager">
        <button
          type="button"
          className="button secondary"
          disabled={cursors.length === 0}
          onClick={() => setCursors((open) => open.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={nextCursor === null || page.isPlaceholderData}
          onClick={() => nextCursor !== null && setCursors((open) => [...open, nextCursor])}
        >
          Older
        </button>
      </div>
    </>
  );
}
