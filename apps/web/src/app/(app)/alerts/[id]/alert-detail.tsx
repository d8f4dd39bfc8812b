"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@nexus/api";
import dynamic from "next/dynamic";
import type { FormEvent } from "react";
import { useState } from "react";
import { formatUtc } from "../../../../lib/format";
import { useTRPC } from "../../../../trpc/react";
import { STATUS_LABELS, TYPE_LABELS } from "../alert-labels";
import { ReasonField } from "../close-form";
import { ReviewerOptions } from "../reviewer-options";
import type { AlertStatus } from "../alert-labels";
import type { TimelinePoint } from "./timeline-chart";

const TimelineChart = dynamic(() => import("./timeline-chart"), { ssr: false });

type Detail = RouterOutputs["alerts"]["get"];
type Action = "review" | "escalate" | "dismiss" | "confirm" | "reopen";

/** The steps each state allows (the service refuses the others; this only hides their buttons). */
const ACTIONS: Record<AlertStatus, Action[]> = {
  open: ["review", "escalate", "dismiss"],
  under_review: ["escalate", "dismiss", "confirm"],
  escalated: ["review", "dismiss", "confirm"],
  closed_no_action: ["reopen"],
  closed_reported: ["reopen"],
};
const ACTION_LABELS: Record<Action, string> = {
  review: "Take up for review",
  escalate: "Escalate",
  dismiss: "Dismiss",
  confirm: "Confirm violation",
  reopen: "Reopen",
};
const CLOSING: ReadonlySet<Action> = new Set(["dismiss", "confirm"]);

interface Evidence {
  metrics: Record<string, number | string>;
  thresholds: Record<string, number>;
  timeline: TimelinePoint[];
}

function EvidenceTables({ evidence }: { evidence: Evidence }) {
  return (
    <div className="evidence-tables">
      <table className="data">
        <caption>Measured</caption>
        <tbody>
          {Object.entries(evidence.metrics).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">
                {typeof value === "number" ? Number(value.toPrecision(6)).toString() : value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data">
        <caption>Thresholds crossed</caption>
        <tbody>
          {Object.entries(evidence.thresholds).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What each history row's action reads as (audit actions "alert.<step>"). */
const HISTORY_LABELS: Record<string, string> = {
  "alert.assign": "assigned",
  "alert.review": "took it up for review",
  "alert.escalate": "escalated",
  "alert.dismiss": "dismissed",
  "alert.confirm": "confirmed the violation",
  "alert.reopen": "reopened",
  "alert.qa_sampled": "closure sampled for four-eyes QA",
  "alert.qa_pass": "QA passed the closure",
  "alert.qa_return": "QA returned it for review",
};

/** The STOR draft of a confirmed violation, as the JSON of the template's fields or as a PDF. */
function StorExport({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  async function downloadJson() {
    try {
      const draft = await queryClient.fetchQuery(trpc.alerts.stor.queryOptions({ id }));
      const link = document.createElement("a");
      link.href = URL.createObjectURL(
        new Blob([JSON.stringify(draft, null, 2)], { type: "application/json" }),
      );
      link.download = `stor-draft-${id}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }
  return (
    <p className="actions">
      STOR draft (Delegated Regulation (EU) 2016/957 template):{" "}
      <a className="button secondary" href={`/api/alerts/${id}/stor.pdf`} download>
        PDF
      </a>{" "}
      <button type="button" className="button secondary" onClick={() => void downloadJson()}>
        JSON
      </button>
      {failure && (
        <span className="error" role="alert">
          {failure}
        </span>
      )}
    </p>
  );
}

/** Who an id is, for the history: a reviewer's name, else the short id (a service, the system, a former user). */
type NameOf = (id: string | null) => string;

function History({ history, nameOf }: { history: Detail["history"]; nameOf: NameOf }) {
  if (history.length === 0) return <p className="empty">Nobody has acted on this alert yet.</p>;
  return (
    <ol className="history">
      {history.map((entry) => {
        const details = entry.details as {
          from?: AlertStatus;
          to?: AlertStatus;
          reason?: string | null;
          notes?: string | null;
          assigneeAfter?: string | null;
        };
        const assignment =
          entry.action === "alert.assign"
            ? details.assigneeAfter
              ? ` to ${nameOf(details.assigneeAfter)}`
              : " to nobody (unassigned)"
            : "";
        return (
          <li key={String(entry.id)}>
            <time>{formatUtc(entry.occurredAt)}</time>{" "}
            {entry.actorType === "user"
              ? nameOf(entry.actorId)
              : `${entry.actorType} ${nameOf(entry.actorId)}`}
            : {HISTORY_LABELS[entry.action] ?? entry.action.replace("alert.", "")}
            {assignment}
            {details.from && details.to && details.from !== details.to
              ? ` (${STATUS_LABELS[details.from]} → ${STATUS_LABELS[details.to]})`
              : ""}
            {details.reason ? `, reason ${details.reason}` : ""}
            {details.notes ? `: “${details.notes}”` : ""}
          </li>
        );
      })}
    </ol>
  );
}

export function AlertDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.alerts.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.get.queryKey({ id }) });
  const step = useMutation(trpc.alerts.step.mutationOptions({ onSuccess: refresh }));
  const assign = useMutation(trpc.alerts.assign.mutationOptions({ onSuccess: refresh }));
  const [action, setAction] = useState<Action | undefined>(undefined);
  const reviewers = useQuery(trpc.alerts.reviewers.queryOptions());
  const [assignTo, setAssignTo] = useState("me");

  if (detail.error)
    return (
      <p className="error" role="alert">
        {detail.error.message}
      </p>
    );
  if (detail.data === undefined) return <p className="empty">Loading the alert…</p>;
  const { alert, history, related, episodeTimeline } = detail.data;
  const nameOf: NameOf = (id) =>
    reviewers.data?.find((reviewer) => reviewer.id === id)?.name ?? id?.slice(0, 8) ?? "—";
  // The column defaults to {}: an alert stored without some part of its evidence still opens.
  const stored = alert.evidence as Partial<Evidence>;
  const evidence: Evidence = {
    metrics: stored.metrics ?? {},
    thresholds: stored.thresholds ?? {},
    timeline: stored.timeline ?? [],
  };
  // Quote stuffing keeps counts as evidence: its chart is the episode's stored orders (alerts.get).
  const timeline = evidence.timeline.length > 0 ? evidence.timeline : episodeTimeline;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (action === undefined) return;
    const fields = new FormData(event.currentTarget);
    const reason = String(fields.get("reason") ?? "");
    const notes = String(fields.get("notes") ?? "");
    step.mutate(
      {
        alertIds: [id],
        action,
        ...(reason === "" ? {} : { reason: reason as never }),
        ...(notes === "" ? {} : { notes }),
      },
      { onSuccess: () => setAction(undefined) },
    );
  }

  return (
    <>
      <section className="panel" aria-label="Summary">
        <h2>
          {TYPE_LABELS[alert.alertType]} in {alert.symbol}{" "}
          <span className={`severity-${alert.severity}`}>{alert.severity}</span>
        </h2>
        <p>{alert.description}</p>
        <p className="actions">
          <a
            href={`/surveillance/replay?${new URLSearchParams({
              symbol: alert.symbol,
              at: (alert.firstEventAt ?? alert.detectedAt).toISOString(),
              user: alert.userId,
              alert: alert.id,
            }).toString()}`}
          >
            Replay the order book
          </a>
          <a href={`/surveillance/profiles/users/${alert.userId}`}>Trader profile</a>
          <a href={`/surveillance/profiles/symbols/${encodeURIComponent(alert.symbol)}`}>Symbol profile</a>
        </p>
        <dl className="alert-facts">
          <div>
            <dt>Status</dt>
            <dd>{STATUS_LABELS[alert.status]}</dd>
          </div>
          <div>
            <dt>Confidence</dt>
            <dd>{Number(alert.confidenceScore).toFixed(2)}</dd>
          </div>
          <div>
            <dt>Detected (UTC)</dt>
            <dd>{formatUtc(alert.detectedAt)}</dd>
          </div>
          <div>
            <dt>User</dt>
            <dd className="mono">{alert.userId}</dd>
          </div>
          <div>
            <dt>Assigned to</dt>
            <dd>{alert.assigneeId === null ? "nobody" : nameOf(alert.assigneeId)}</dd>
          </div>
          <div>
            <dt>Recommended</dt>
            <dd>{alert.recommendedAction}</dd>
          </div>
          {alert.dispositionReason && (
            <div>
              <dt>Disposition</dt>
              <dd>
                {alert.dispositionReason}: {alert.dispositionNotes}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <section className="panel" aria-label="Review">
        <h2>Review</h2>
        <p className="actions">
          {ACTIONS[alert.status].map((candidate) => (
            <button
              key={candidate}
              type="button"
              className="button"
              onClick={() => setAction(candidate)}
              aria-pressed={action === candidate}
            >
              {ACTION_LABELS[candidate]}
            </button>
          ))}
          {alert.status !== "closed_no_action" && alert.status !== "closed_reported" && (
            <>
              <label className="field inline">
                Assign to
                <select value={assignTo} onChange={(event) => setAssignTo(event.target.value)}>
                  <ReviewerOptions reviewers={reviewers.data} />
                </select>
              </label>
              <button
                type="button"
                className="button"
                disabled={assign.isPending}
                onClick={() => assign.mutate({ alertIds: [id], assigneeId: assignTo })}
              >
                Assign
              </button>
            </>
          )}
        </p>
        {action !== undefined && (
          <form className="inline-form" onSubmit={onSubmit} aria-label={ACTION_LABELS[action]}>
            {CLOSING.has(action) && <ReasonField />}
            <label className="field">
              Notes{CLOSING.has(action) ? "" : " (optional)"}
              <textarea name="notes" rows={3} required={CLOSING.has(action)} maxLength={10_000} />
            </label>
            <button type="submit" className="button" disabled={step.isPending}>
              {ACTION_LABELS[action]}
            </button>
          </form>
        )}
        {(step.error || assign.error) && (
          <p className="error" role="alert">
            {step.error?.message ?? assign.error?.message}
          </p>
        )}
        {alert.status === "closed_reported" && <StorExport id={id} />}
        <h3>History</h3>
        <History history={history} nameOf={nameOf} />
      </section>

      <section className="panel" aria-label="Evidence">
        <h2>Evidence</h2>
        <EvidenceTables evidence={evidence} />
        <h3>The user&apos;s orders by price over time</h3>
        {timeline.some((point) => point.price !== null) ? (
          <div className="chart" style={{ height: 280 }}>
            <TimelineChart points={timeline} />
          </div>
        ) : (
          <p className="empty">This alert&apos;s evidence has no priced orders to chart.</p>
        )}
      </section>

      <section className="panel" aria-label="Related alerts">
        <h2>The same user&apos;s other alerts</h2>
        {related.length === 0 ? (
          <p className="empty">No other alert on this user.</p>
        ) : (
          <ul>
            {related.map((other) => (
              <li key={other.id}>
                <a href={`/alerts/${other.id}`}>{formatUtc(other.detectedAt)}</a>{" "}
                {TYPE_LABELS[other.alertType]} in {other.symbol} ({STATUS_LABELS[other.status]})
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
