"use client";

import { useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "../../../trpc/react";

export type ClosingAction = "dismiss" | "confirm";
export interface Closing {
  action: ClosingAction;
  reason: string;
  notes: string;
}

/** The disposition reason a closure needs, from the workflow's list (a form field named "reason"). */
export function ReasonField() {
  const trpc = useTRPC();
  const reasons = useQuery(trpc.alerts.reasons.queryOptions());
  return (
    <label className="field">
      Reason
      <select name="reason" required defaultValue="">
        <option value="" disabled>
          choose…
        </option>
        {reasons.data?.map((reason) => (
          <option key={reason.code} value={reason.code}>
            {reason.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Closing alerts needs a disposition reason and notes (the workflow refuses a closure without them);
 * one form for the keyboard's `d` on one alert and for a bulk close of a selection or a filter.
 */
export function CloseForm({
  what,
  initialAction,
  pending,
  onSubmit,
  onCancel,
}: {
  /** "3 selected alerts", "all 120 alerts matching the filter". */
  what: string;
  initialAction: ClosingAction;
  pending: boolean;
  onSubmit: (closing: Closing) => void;
  onCancel: () => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    onSubmit({
      action: fields.get("action") === "confirm" ? "confirm" : "dismiss",
      reason: String(fields.get("reason") ?? ""),
      notes: String(fields.get("notes") ?? ""),
    });
  }
  return (
    <form className="inline-form close-form" onSubmit={submit} aria-label="Close alerts">
      <p className="close-what">
        Close <strong>{what}</strong>
      </p>
      <label className="field">
        Outcome
        <select name="action" defaultValue={initialAction}>
          <option value="dismiss">Dismiss</option>
          <option value="confirm">Confirm violation</option>
        </select>
      </label>
      <ReasonField />
      <label className="field">
        Notes
        <textarea name="notes" rows={2} required maxLength={10_000} />
      </label>
      <button type="submit" className="button" disabled={pending}>
        Close
      </button>
      <button type="button" className="button secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
