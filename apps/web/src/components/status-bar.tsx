"use client";

import { useQuery } from "@tanstack/react-query";
import { formatCount, formatNewYorkTime } from "../lib/format";
import { useTRPC } from "../trpc/react";

/** The worker reports every second; a few seconds is live enough for a glance. */
const STATUS_REFRESH_MS = 3_000;

/**
 * The strip above every screen: the simulated session's clock and speed (or that there is none), the
 * events stored per second, what waits for the ingest, the halts in force and the date of the market
 * data the risk figures are valued on. What the workers last reported (simulation.status).
 */
export function StatusBar() {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.simulation.status.queryOptions(), refetchInterval: STATUS_REFRESH_MS });
  if (status.data === undefined)
    return (
      <section className="status-bar" aria-label="System status">
        {status.error ? "Status unavailable" : "Status loading…"}
      </section>
    );
  const { simulation, workersReporting, eventsPerSecond, ingestLag, bus, haltsInForce, marketDataAsOf } =
    status.data;
  return (
    <section className="status-bar" aria-label="System status">
      <span data-testid="status-session">
        {simulation === null ? (
          "No simulated flow"
        ) : (
          <>
            Simulated {formatNewYorkTime(new Date(simulation.clock))} ·{" "}
            {simulation.paused ? "paused" : `${simulation.speed}x`}
          </>
        )}
      </span>
      {workersReporting === 0 ? (
        <span className="status-warning">Worker not reporting</span>
      ) : (
        <>
          <span data-testid="status-rate">{formatCount(Math.round(eventsPerSecond))} events/s</span>
          <span title="Messages published and not yet stored by the ingest">
            {bus === "kafka" ? "Consumer lag" : "Ingest backlog"} {formatCount(ingestLag)}
          </span>
        </>
      )}
      <span className={haltsInForce > 0 ? "status-warning" : undefined}>
        {formatCount(haltsInForce)} {haltsInForce === 1 ? "halt" : "halts"} in force
      </span>
      <span>Market data as of {marketDataAsOf ?? "—"}</span>
    </section>
  );
}
