"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@nexus/api";
import type { FormEvent } from "react";
import { useState } from "react";
import { useTRPC } from "../../../../trpc/react";
import { TYPE_LABELS } from "../../alerts/alert-labels";
import type { AlertType } from "../../alerts/alert-labels";
import { ThresholdInput } from "../detectors/threshold-input";
import { thresholdUnit } from "../detectors/threshold-unit";

type Calibration = RouterOutputs["compliance"]["calibrate"];
type Model = Calibration["models"][number];

/** datetime-local text (read as UTC) of a moment. */
const pickerOf = (date: Date) => date.toISOString().slice(0, 16);
const share = ({ total, stillRaised }: { total: number; stillRaised: number }) =>
  total === 0 ? "—" : `${stillRaised} of ${total}`;

function Results({ result, type }: { result: Calibration; type: AlertType }) {
  const row = (model: Model) => (
    <tr key={model.type} style={model.type === type ? { fontWeight: 600 } : undefined}>
      <td>{TYPE_LABELS[model.type]}</td>
      <td className="num">{model.liveAlerts}</td>
      <td className="num">{model.candidateAlerts}</td>
      <td className="num">{model.candidateAlerts - model.liveAlerts}</td>
      <td className="num">{share(model.confirmed.live)}</td>
      <td className="num">{share(model.confirmed.candidate)}</td>
      <td className="num">{share(model.dismissed.live)}</td>
      <td className="num">{share(model.dismissed.candidate)}</td>
    </tr>
  );
  return (
    <section className="panel" aria-label="Comparison">
      <h2>
        Comparison over {result.events.toLocaleString("en-US")} events in {result.symbols} symbols
      </h2>
      <div className="table-wrap">
        <table className="data wrap-head">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Alerts, live</th>
              <th className="num">Alerts, candidate</th>
              <th className="num">Change</th>
              <th className="num">Confirmed raised, live</th>
              <th className="num">Confirmed raised, candidate</th>
              <th className="num">Dismissed raised, live</th>
              <th className="num">Dismissed raised, candidate</th>
            </tr>
          </thead>
          <tbody>{result.models.map(row)}</tbody>
        </table>
      </div>
      <p className="updated">
        A reviewed alert counts as raised again when the replay raises an alert of the same model, user and
        symbol over part of its episode. Good candidates keep the confirmed ones and drop the dismissed ones.
      </p>
    </section>
  );
}

export function CalibrationSandbox() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detectors = useQuery(trpc.surveillance.detectors.queryOptions());
  const [type, setType] = useState<AlertType>("spoofing");
  const [candidates, setCandidates] = useState<Record<string, number>>({});
  const calibrate = useMutation(trpc.compliance.calibrate.mutationOptions());
  const apply = useMutation(
    trpc.surveillance.updateDetector.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.surveillance.detectors.queryKey() }),
    }),
  );
  const [now] = useState(() => new Date());
  const detector = detectors.data?.find((candidate) => candidate.type === type);

  function onRun(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (detector === undefined) return;
    const fields = new FormData(event.currentTarget);
    const tried: Record<string, number> = {};
    for (const key of Object.keys(detector.defaults)) tried[key] = Number(fields.get(key));
    setCandidates(tried);
    const symbols = String(fields.get("symbols") ?? "")
      .split(/[\s,]+/)
      .map((symbol) => symbol.trim().toUpperCase())
      .filter((symbol) => symbol !== "");
    apply.reset();
    calibrate.mutate({
      from: new Date(`${String(fields.get("from"))}Z`).toISOString(),
      to: new Date(`${String(fields.get("to"))}Z`).toISOString(),
      ...(symbols.length === 0 ? {} : { symbols }),
      candidates: { [type]: tried },
    });
  }

  const changed = detector
    ? Object.entries(candidates).filter(([key, value]) => value !== detector.thresholds[key])
    : [];
  return (
    <>
      <section className="panel" aria-label="Candidate thresholds">
        <form onSubmit={onRun} key={`${type}|${detector?.version ?? 0}`}>
          <p className="stepper">
            <label className="field">
              Model
              <select value={type} onChange={(event) => setType(event.target.value as AlertType)}>
                {Object.entries(TYPE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              From (UTC)
              <input
                name="from"
                type="datetime-local"
                required
                defaultValue={pickerOf(new Date(now.getTime() - 86_400_000))}
              />
            </label>
            <label className="field">
              To (UTC)
              <input name="to" type="datetime-local" required defaultValue={pickerOf(now)} />
            </label>
            <label className="field">
              Symbols (empty: all traded)
              <input name="symbols" size={18} />
            </label>
          </p>
          {detector === undefined ? (
            <p className="empty">Loading the live thresholds…</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>Threshold</th>
                  <th>Unit</th>
                  <th className="num">Live</th>
                  <th className="num">Candidate</th>
                </tr>
              </thead>
              <tbody>
                {Object.keys(detector.defaults).map((key) => (
                  <tr key={key}>
                    <td className="mono" title={detector.defaults[key]?.description}>
                      {key}
                    </td>
                    <td>{thresholdUnit(key)}</td>
                    <td className="num">{detector.thresholds[key]}</td>
                    <td className="num">
                      <ThresholdInput
                        name={key}
                        label={`candidate ${key}`}
                        value={detector.thresholds[key]}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={calibrate.isPending || detector === undefined}>
              {calibrate.isPending ? "Replaying…" : "Replay the period"}
            </button>
          </p>
        </form>
        {calibrate.error && (
          <p className="error" role="alert">
            {calibrate.error.message}
          </p>
        )}
      </section>
      {calibrate.data && <Results result={calibrate.data} type={type} />}
      {calibrate.data && detector && (
        <section className="panel" aria-label="Apply">
          <h2>Apply live</h2>
          {changed.length === 0 ? (
            <p className="empty">The candidates are the live thresholds: nothing to apply.</p>
          ) : (
            <>
              <p>
                {TYPE_LABELS[type]}:{" "}
                {changed.map(([key, value]) => `${key} ${detector.thresholds[key]} → ${value}`).join(", ")}
              </p>
              <button
                type="button"
                className="button"
                disabled={apply.isPending || apply.isSuccess}
                onClick={() => apply.mutate({ type, thresholds: Object.fromEntries(changed) })}
              >
                Apply these thresholds live
              </button>
              {apply.isSuccess && (
                <span className="updated"> Applied and audited (version {apply.data.version}).</span>
              )}
            </>
          )}
          {apply.error && (
            <p className="error" role="alert">
              {apply.error.message}
            </p>
          )}
        </section>
      )}
    </>
  );
}
