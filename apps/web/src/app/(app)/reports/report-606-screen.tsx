"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { REPORT_CSS } from "@nexus/core/reports";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useRef, useState } from "react";
import { useTRPC } from "../../../trpc/react";
import { quarterOptions } from "./quarter-options";
import { ReportMonths } from "./report-months";

const FORMATS = [
  ["xml", "XML (SEC schema)"],
  ["html", "HTML"],
  ["csv", "CSV"],
  ["pdf", "PDF"],
] as const;

export function Report606Screen(props: {
  quarter: string;
  current: string;
  lastComplete: string;
  earliest: string;
}) {
  const { quarter } = props;
  const trpc = useTRPC();
  const router = useRouter();
  const report = useQuery(trpc.reports.heldOrderReport.queryOptions({ quarter }));
  const inProgress = quarter === props.current;
  const preview = useRef<HTMLDivElement>(null);
  // Scrolls the preview, not the page, to the month (its part carries data-month, heldOrderReportBody).
  const showMonth = (key: string) => {
    const container = preview.current;
    const part = container?.querySelector<HTMLElement>(`[data-month="${key}"]`);
    if (container && part) container.scrollTo({ top: part.offsetTop, behavior: "smooth" });
  };
  return (
    <>
      <section className="panel spaced" aria-label="Report quarter and downloads">
        <div className="inline-form">
          <div className="field">
            <label htmlFor="quarter">Quarter</label>
            <select
              id="quarter"
              value={quarter}
              onChange={(event) => router.push(`/reports?quarter=${event.target.value}`)}
            >
              {quarterOptions(props.current, props.earliest < quarter ? props.earliest : quarter).map(
                (option) => (
                  <option key={option} value={option}>
                    {option}
                    {option === props.current ? " (in progress)" : ""}
                    {option === props.lastComplete ? " (to publish)" : ""}
                  </option>
                ),
              )}
            </select>
          </div>
          <div className="downloads" role="group" aria-label="Downloads">
            {FORMATS.map(([format, label]) => (
              <a
                key={format}
                className="button secondary"
                href={`/api/reports/606a1?quarter=${quarter}&format=${format}`}
                download
              >
                Download {label}
              </a>
            ))}
          </div>
        </div>
        {inProgress ? (
          <p className="hint">
            {quarter} is in progress: the report shows the quarter so far. Publish a quarter within one month
            after it ends (Rule 606(a)(2)).
          </p>
        ) : null}
      </section>
      <section className="panel spaced" aria-label="Preview">
        <h2>Rule 606(a)(1) report, {quarter}</h2>
        {report.error ? <p className="error">{report.error.message}</p> : null}
        {report.data ? <ReportMonths months={report.data.months} onShow={showMonth} /> : null}
        {report.data ? (
          <div className="report-preview" ref={preview}>
            <style>{REPORT_CSS}</style>
            {/* The HTML is built by @nexus/core/reports, which escapes every value it prints. */}
            <div dangerouslySetInnerHTML={{ __html: report.data.html }} />
          </div>
        ) : (
          <p className="empty">Loading the report…</p>
        )}
      </section>
      <MaterialAspectsEditor />
      <CustomerRequests />
    </>
  );
}

/** Rule 606(a)(1)(iv) text per venue: the configuration's facts until ops write their own (audited). */
function MaterialAspectsEditor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const venues = useQuery(trpc.reports.venues.queryOptions());
  const [saved, setSaved] = useState<string | undefined>();
  const save = useMutation(
    trpc.reports.setMaterialAspects.mutationOptions({
      onSuccess: async (row) => {
        setSaved(row.venueId);
        await queryClient.invalidateQueries({ queryKey: trpc.reports.venues.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.reports.heldOrderReport.queryKey() });
      },
    }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>, venueId: string) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("text") ?? "");
    save.mutate({ venueId, text });
  }
  return (
    <section className="panel spaced" aria-label="Material aspects">
      <h2>Material aspects per venue</h2>
      <p className="hint">
        Rule 606(a)(1)(iv): the material aspects of the relationship with each venue, including any payment
        for order flow and profit-sharing arrangement. Each save is audited.
      </p>
      {save.error ? <p className="error">{save.error.message}</p> : null}
      {(venues.data ?? []).map((venue) => (
        <form
          key={venue.venueId}
          className="aspects-form"
          onSubmit={(event) => onSubmit(event, venue.venueId)}
        >
          <label htmlFor={`aspects-${venue.venueId}`}>
            <strong>{venue.name}</strong> {venue.mic ? `(${venue.mic})` : `(${venue.venueId})`}
            {venue.edited ? "" : " — from the venue's configuration"}
          </label>
          <textarea
            id={`aspects-${venue.venueId}`}
            name="text"
            rows={3}
            defaultValue={venue.materialAspects}
          />
          <div>
            <button type="submit" className="button" disabled={save.isPending}>
              Save
            </button>{" "}
            {saved === venue.venueId && !save.isPending ? <span className="updated">Saved</span> : null}
          </div>
        </form>
      ))}
    </section>
  );
}

/** A customer's Rule 606(b) request: the report downloads as the SEC schema's XML. */
function CustomerRequests() {
  const [href, setHref] = useState<string | undefined>();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const name of ["kind", "customer", "from", "to"])
      params.set(name, String(fields.get(name) ?? "").trim());
    setHref(`/api/reports/606b?${params.toString()}`);
  }
  return (
    <section className="panel spaced" aria-label="Customer requests">
      <h2>Customer requests (Rule 606(b))</h2>
      <form className="inline-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="kind">Report</label>
          <select id="kind" name="kind" defaultValue="606b1">
            <option value="606b1">606(b)(1) held orders: venues and times</option>
            <option value="606b3">606(b)(3) not-held order handling</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="customer">Customer (e-mail or user id)</label>
          <input id="customer" name="customer" required />
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" required />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" required />
        </div>
        <button type="submit" className="button">
          Prepare
        </button>
      </form>
      {href ? (
        <p>
          <a className="button secondary" href={href} download>
            Download the customer report (XML)
          </a>
        </p>
      ) : null}
    </section>
  );
}
