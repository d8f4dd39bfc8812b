"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useState } from "react";
import { useTRPC } from "../../../../trpc/react";

const short = (id: string) => (id.length > 12 ? id.slice(0, 8) : id);

function ImportForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [parseError, setParseError] = useState<string | undefined>(undefined);
  const importFile = useMutation(
    trpc.surveillance.importReference.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.surveillance.reference.queryKey() }),
    }),
  );
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const upload = fields.get("upload");
    const text =
      upload instanceof File && upload.size > 0 ? await upload.text() : String(fields.get("json") ?? "");
    try {
      setParseError(undefined);
      importFile.mutate({ file: JSON.parse(text) as unknown });
    } catch {
      setParseError("The file is not JSON.");
    }
  }
  return (
    <section className="panel" aria-label="Import reference data">
      <h2>Import (replaces everything)</h2>
      <form className="stack-form" onSubmit={onSubmit}>
        <label className="field">
          Reference file (JSON)
          <input type="file" name="upload" accept="application/json,.json" />
        </label>
        <label className="field">
          …or paste it
          <textarea
            name="json"
            rows={5}
            placeholder='{"related_accounts": [["acct-1", "acct-2"]], "beneficial_owners": {}, "desks": [], "market_makers": []}'
          />
        </label>
        <button type="submit" className="button" disabled={importFile.isPending}>
          Import
        </button>
      </form>
      {importFile.isSuccess && <p className="updated">Imported and audited.</p>}
      {(parseError ?? importFile.error) && (
        <p className="error" role="alert">
          {parseError ?? importFile.error?.message}
        </p>
      )}
    </section>
  );
}

export function ReferenceDataPanel({ canImport }: { canImport: boolean }) {
  const trpc = useTRPC();
  const reference = useQuery(trpc.surveillance.reference.queryOptions());
  if (reference.error)
    return (
      <p className="error" role="alert">
        {reference.error.message}
      </p>
    );
  const data = reference.data;
  if (data === undefined) return <p className="empty">Loading the reference data…</p>;
  const owners = Object.entries(data.beneficialOwners);
  return (
    <>
      <dl className="grid grid-counters" aria-label="Counts">
        {[
          ["Desks", data.desks.length],
          ["Market makers", data.marketMakers.length],
          ["Related account pairs", data.relatedAccounts.length],
        ].map(([label, count]) => (
          <div className="panel counter" key={label}>
            <dt>{label}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      <section className="panel" aria-label="Desks">
        <h2>Desks</h2>
        {data.desks.length === 0 ? (
          <p className="empty">No desk is known.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Desk</th>
                <th>Agency traders</th>
                <th>Principal traders</th>
              </tr>
            </thead>
            <tbody>
              {data.desks.map((desk) => (
                <tr key={desk.deskId}>
                  <td>{desk.deskId}</td>
                  <td className="mono" style={{ whiteSpace: "normal" }}>
                    {desk.agencyUsers.map(short).join(", ")}
                  </td>
                  <td className="mono" style={{ whiteSpace: "normal" }}>
                    {desk.principalUsers.map(short).join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="Market makers">
        <h2>Market makers</h2>
        {data.marketMakers.length === 0 ? (
          <p className="empty">No market maker is known.</p>
        ) : (
          <p className="mono">{data.marketMakers.map(short).join(", ")}</p>
        )}
      </section>
      <section className="panel" aria-label="Related accounts and beneficial owners">
        <h2>Related accounts and beneficial owners</h2>
        {data.relatedAccounts.length === 0 && owners.length === 0 ? (
          <p className="empty">No relationship is known.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Account</th>
                <th>Related to / owned by</th>
              </tr>
            </thead>
            <tbody>
              {data.relatedAccounts.map(([a, b]) => (
                <tr key={`${a}|${b}`}>
                  <td className="mono">{a}</td>
                  <td className="mono">related: {b}</td>
                </tr>
              ))}
              {owners.map(([account, owner]) => (
                <tr key={account}>
                  <td className="mono">{account}</td>
                  <td className="mono">owner: {owner}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {canImport ? <ImportForm /> : <p className="updated">Only an admin can import reference data.</p>}
    </>
  );
}
