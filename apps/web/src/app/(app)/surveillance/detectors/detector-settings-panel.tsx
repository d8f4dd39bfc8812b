"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@nexus/api";
import type { FormEvent } from "react";
import { formatUtc } from "../../../../lib/format";
import { useTRPC } from "../../../../trpc/react";
import { TYPE_LABELS } from "../../alerts/alert-labels";
import { ThresholdInput } from "./threshold-input";
import { thresholdUnit } from "./threshold-unit";

type Detector = RouterOutputs["surveillance"]["detectors"][number];
const SEVERITIES = ["low", "medium", "high", "critical"] as const;

function DetectorForm({ detector }: { detector: Detector }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.surveillance.updateDetector.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.surveillance.detectors.queryKey() }),
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const thresholds: Record<string, number | null> = {};
    for (const [key, setting] of Object.entries(detector.defaults)) {
      const value = Number(fields.get(key));
      if (value !== detector.thresholds[key]) thresholds[key] = value === setting.value ? null : value;
    }
    const severityFloor = SEVERITIES.find((severity) => severity === fields.get("severityFloor"));
    update.mutate({
      type: detector.type,
      enabled: fields.get("enabled") === "on",
      thresholds,
      ...(severityFloor === undefined ? {} : { severityFloor }),
      scopeSymbols: String(fields.get("scopeSymbols") ?? "")
        .split(/[\s,]+/)
        .map((symbol) => symbol.trim().toUpperCase())
        .filter((symbol) => symbol !== ""),
    });
  }

  return (
    <section className="panel" aria-label={TYPE_LABELS[detector.type]}>
      <h2>
        {TYPE_LABELS[detector.type]}{" "}
        <span className="updated">
          version {detector.version}
          {detector.updatedAt ? `, changed ${formatUtc(detector.updatedAt)}` : ", on its defaults"}
        </span>
      </h2>
      <form onSubmit={onSubmit} key={detector.version}>
        <p className="actions">
          <label>
            <input type="checkbox" name="enabled" defaultChecked={detector.enabled} /> Enabled
          </label>{" "}
          <label>
            Lowest severity raised{" "}
            <select name="severityFloor" defaultValue={detector.severityFloor}>
              {SEVERITIES.map((severity) => (
                <option key={severity}>{severity}</option>
              ))}
            </select>
          </label>{" "}
          <label>
            Symbols (empty: all){" "}
            <input name="scopeSymbols" defaultValue={detector.scopeSymbols.join(", ")} size={24} />
          </label>
        </p>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>Threshold</th>
                <th>Meaning</th>
                <th>Unit</th>
                <th className="num">Default</th>
                <th className="num">In force</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(detector.defaults).map(([key, setting]) => (
                <tr key={key}>
                  <td className="mono">{key}</td>
                  <td style={{ whiteSpace: "normal" }}>{setting.description ?? ""}</td>
                  <td>{thresholdUnit(key)}</td>
                  <td className="num">{setting.value}</td>
                  <td className="num">
                    <ThresholdInput
                      name={key}
                      label={`${detector.type} ${key}`}
                      value={detector.thresholds[key]}
                      emphasised={key in detector.overrides}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="actions">
          <button type="submit" className="button" disabled={update.isPending}>
            Save {TYPE_LABELS[detector.type].toLowerCase()} settings
          </button>
          {update.isSuccess && <span className="updated"> Saved and audited.</span>}
        </p>
        {update.error && (
          <p className="error" role="alert">
            {update.error.message}
          </p>
        )}
      </form>
    </section>
  );
}

export function DetectorSettingsPanel() {
  const trpc = useTRPC();
  const detectors = useQuery(trpc.surveillance.detectors.queryOptions());
  if (detectors.error)
    return (
      <p className="error" role="alert">
        {detectors.error.message}
      </p>
    );
  if (detectors.data === undefined) return <p className="empty">Loading the detectors…</p>;
  return (
    <>
      {detectors.data.map((detector) => (
        <DetectorForm key={detector.type} detector={detector} />
      ))}
    </>
  );
}
