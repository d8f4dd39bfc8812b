"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/react";
import { syncOutcome } from "./sync-outcome";

/**
 * "Sync from Orders service": replaces the book with the Orders service's (issue 14). Shown only where the
 * server says it can sync (ORDERS_SERVICE_URL set, and the viewer may change this book).
 */
export function SyncPositions({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const available = useQuery(trpc.portfolio.syncAvailable.queryOptions({ userId }));
  const sync = useMutation(
    trpc.portfolio.syncPositions.mutationOptions({
      // The positions stream refreshes open screens too; this one need not wait for it.
      onSuccess: () => {
        for (const procedure of [trpc.portfolio.summary, trpc.portfolio.positions]) {
          void queryClient.invalidateQueries({ queryKey: procedure.pathKey() });
        }
      },
    }),
  );
  if (available.data?.available !== true) return null;
  const updated = (sync.data as { updated?: number } | undefined)?.updated;
  return (
    <div className="inline-form">
      <button
        type="button"
        className="button"
        disabled={sync.isPending}
        onClick={() => sync.mutate({ userId })}
      >
        {sync.isPending ? "Syncing…" : "Sync from Orders service"}
      </button>
      {updated === undefined ? null : (
        <span role="status" data-testid="orders-sync-outcome">
          {syncOutcome(updated)}
        </span>
      )}
      {sync.error ? (
        <span role="alert" className="error">
          {sync.error.message}
        </span>
      ) : null}
    </div>
  );
}
