"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "../../../trpc/react";

/** The officer's saved views: each is a name for the queue's address query, stored per user. */
export function SavedViews({ query }: { query: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const views = useQuery(trpc.alerts.savedViews.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.savedViews.queryKey() });
  const save = useMutation(trpc.alerts.saveView.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.alerts.deleteView.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const current = views.data?.find((view) => view.query === query);

  return (
    <form
      className="inline-form saved-views"
      aria-label="Saved views"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ name, query }, { onSuccess: () => setName("") });
      }}
    >
      <label className="field">
        Saved view
        <select
          value={current?.id ?? ""}
          onChange={(event) => {
            const view = views.data?.find((candidate) => candidate.id === event.target.value);
            router.replace(view === undefined ? "/alerts" : `/alerts?${view.query}`);
          }}
        >
          <option value="">{current === undefined ? "(unsaved filters)" : "default"}</option>
          {views.data?.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
            </option>
          ))}
        </select>
      </label>
      {current !== undefined && (
        <button type="button" className="button secondary" onClick={() => remove.mutate({ id: current.id })}>
          Delete view
        </button>
      )}
      <label className="field">
        Save these filters as
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="High spoofing" />
      </label>
      <button type="submit" className="button secondary" disabled={name.trim() === "" || save.isPending}>
        Save view
      </button>
      {(save.error ?? remove.error) && (
        <span className="error" role="alert">
          {save.error?.message ?? remove.error?.message}
        </span>
      )}
    </form>
  );
}
