"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@nexus/api";
import type { FormEvent } from "react";
import { formatUtc } from "../../../../lib/format";
import { useTRPC } from "../../../../trpc/react";

type Halt = RouterOutputs["surveillance"]["halts"][number];

const targetOf = (halt: Halt) =>
  [halt.userId ? `user ${halt.userId.slice(0, 8)}` : null, halt.symbol].filter(Boolean).join(" in ");

function LiftForm({ halt }: { halt: Halt }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lift = useMutation(
    trpc.surveillance.liftHalt.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.surveillance.halts.queryKey() }),
    }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    lift.mutate({ haltId: halt.id, reason: String(new FormData(event.currentTarget).get("reason") ?? "") });
  }
  return (
    <form onSubmit={onSubmit} aria-label={`Lift halt on ${targetOf(halt)}`}>
      <input name="reason" required maxLength={2000} placeholder="Reason for lifting" size={28} />{" "}
      <button type="submit" className="button" disabled={lift.isPending}>
        Lift
      </button>
      {lift.error && (
        <span className="error" role="alert">
          {" "}
          {lift.error.message}
        </span>
      )}
    </form>
  );
}

export function HaltsPanel() {
  const trpc = useTRPC();
  const halts = useQuery({
    ...trpc.surveillance.halts.queryOptions({ includeLiftedDays: 7 }),
    refetchInterval: 5000,
  });
  if (halts.error)
    return (
      <p className="error" role="alert">
        {halts.error.message}
      </p>
    );
  if (halts.data === undefined) return <p className="empty">Loading the halts…</p>;
  const active = halts.data.filter((halt) => halt.status === "active");
  const lifted = halts.data.filter((halt) => halt.status === "lifted");
  return (
    <>
      <section className="panel" aria-label="Active halts">
        <h2>In force ({active.length})</h2>
        {active.length === 0 ? (
          <p className="empty">No halt is in force.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>Halted (UTC)</th>
                  <th>Target</th>
                  <th>Reason</th>
                  <th>Alert</th>
                  <th>Lift</th>
                </tr>
              </thead>
              <tbody>
                {active.map((halt) => (
                  <tr key={halt.id}>
                    <td>{formatUtc(halt.haltedAt)}</td>
                    <td>
                      {halt.userId ? (
                        <a href={`/surveillance/profiles/users/${halt.userId}`}>{targetOf(halt)}</a>
                      ) : (
                        targetOf(halt)
                      )}
                    </td>
                    <td style={{ whiteSpace: "normal" }}>{halt.reason}</td>
                    <td>{halt.alertId ? <a href={`/alerts/${halt.alertId}`}>open alert</a> : "—"}</td>
                    <td>
                      <LiftForm halt={halt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-label="Recently lifted halts">
        <h2>Lifted in the last 7 days ({lifted.length})</h2>
        {lifted.length === 0 ? (
          <p className="empty">No halt was lifted in the last week.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>Halted (UTC)</th>
                  <th>Target</th>
                  <th>Reason</th>
                  <th>Lifted (UTC)</th>
                  <th>Why lifted</th>
                </tr>
              </thead>
              <tbody>
                {lifted.map((halt) => (
                  <tr key={halt.id}>
                    <td>{formatUtc(halt.haltedAt)}</td>
                    <td>{targetOf(halt)}</td>
                    <td style={{ whiteSpace: "normal" }}>{halt.reason}</td>
                    <td>{halt.liftedAt ? formatUtc(halt.liftedAt) : ""}</td>
                    <td style={{ whiteSpace: "normal" }}>{halt.liftReason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
