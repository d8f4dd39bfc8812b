"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import type { FormEvent } from "react";
import { useMemo } from "react";
import { DataTable } from "../../../components/data-table";
import { formatUtc } from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

/** Issue a key (shown once), list keys, revoke one. */
export function ApiKeysPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const scopes = useQuery(trpc.apiKeys.scopes.queryOptions());
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refreshList }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refreshList }));

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    // Only the scopes the server offered can be ticked, so the values are its own scope names.
    const chosen = data.getAll("scopes").map(String) as ApiKey["scopes"];
    create.mutate(
      { name: String(data.get("name") ?? ""), scopes: chosen },
      { onSuccess: () => form.reset() },
    );
  }

  const columns = useMemo<ColumnDef<ApiKey>[]>(
    () => [
      { id: "name", header: "Name", cell: ({ row }) => row.original.name },
      {
        id: "prefix",
        header: "Key starts with",
        cell: ({ row }) => `${row.original.prefix}…`,
        meta: { className: "mono" },
      },
      {
        id: "scopes",
        header: "Scopes",
        cell: ({ row }) => (row.original.scopes.length === 0 ? "none" : row.original.scopes.join(", ")),
        meta: { className: "mono" },
      },
      { id: "created", header: "Created (UTC)", cell: ({ row }) => formatUtc(row.original.createdAt) },
      {
        id: "lastUsed",
        header: "Last used (UTC)",
        cell: ({ row }) => (row.original.lastUsedAt ? formatUtc(row.original.lastUsedAt) : "never"),
      },
      {
        id: "status",
        header: "Status",
        cell: ({ row }) =>
          row.original.revokedAt ? (
            `revoked ${formatUtc(row.original.revokedAt)}`
          ) : (
            <button
              type="button"
              className="button danger"
              aria-label={`Revoke ${row.original.name}`}
              disabled={revoke.isPending}
              onClick={() => {
                if (window.confirm(`Revoke "${row.original.name}"? Services using it are refused at once.`)) {
                  revoke.mutate({ id: row.original.id });
                }
              }}
            >
              Revoke
            </button>
          ),
      },
    ],
    [revoke],
  );

  return (
    <>
      <section className="panel" aria-labelledby="new-key">
        <h2 id="new-key">New key</h2>
        <form className="inline-form" onSubmit={onCreate}>
          <div className="field">
            <label htmlFor="key-name">Name (which service holds it)</label>
            <input
              id="key-name"
              name="name"
              required
              maxLength={100}
              placeholder="e.g. risk-service production"
            />
          </div>
          <fieldset className="field">
            <legend>Scopes (least privilege: tick only what the service needs)</legend>
            {(scopes.data ?? []).map(({ scope, description }) => (
              <div key={scope}>
                <label>
                  <input type="checkbox" name="scopes" value={scope} /> <code>{scope}</code> {description}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </form>
        {create.error && (
          <p role="alert" className="error">
            Could not create the key: {create.error.message}
          </p>
        )}
        {create.data && (
          <div className="secret" role="status">
            <strong>Key for “{create.data.name}”.</strong> Copy it now: it is shown only this once and cannot
            be recovered.
            <code aria-label="New API key">{create.data.key}</code>
          </div>
        )}
      </section>
      <section className="panel spaced" aria-labelledby="key-list">
        <h2 id="key-list">Keys</h2>
        {revoke.error && (
          <p role="alert" className="error">
            Could not revoke the key: {revoke.error.message}
          </p>
        )}
        {keys.error ? (
          <p role="alert" className="error">
            Could not load the keys: {keys.error.message}
          </p>
        ) : (
          <DataTable
            caption="API keys"
            columns={columns}
            data={keys.data ?? []}
            rowId={(key) => key.id}
            emptyMessage="No API keys yet: create one for each service that calls the REST API."
          />
        )}
      </section>
    </>
  );
}
