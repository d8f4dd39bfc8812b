"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatNewYorkTime } from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";

const SPEEDS = [1, 2, 5, 10, 20, 50, 100] as const;
const REFRESH_MS = 2_000;

/** Pause, resume and speed of the session the worker runs, from what it last reported. */
export function SimulationControls() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.simulation.status.queryOptions(), refetchInterval: REFRESH_MS });
  const [speed, setSpeed] = useState<number | undefined>(undefined);
  const control = useMutation(
    trpc.simulation.control.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.simulation.status.queryKey() }),
    }),
  );
  const session = status.data?.simulation ?? null;
  if (status.error)
    return (
      <p role="alert" className="error">
        Could not read the session: {status.error.message}
      </p>
    );
  if (session === null)
    return (
      <section className="panel" aria-label="Session controls">
        <p className="empty">
          {status.isPending
            ? "Loading…"
            : "No simulated flow: no running worker reports a session (started with --no-sim, or against Kafka without SIM_PUBLISH_TO_KAFKA)."}
        </p>
      </section>
    );
  const chosenSpeed = speed ?? session.speed;
  return (
    <section className="panel" aria-label="Session controls">
      <dl className="metric-grid" aria-label="Session">
        <div>
          <dt>Trading day</dt>
          <dd>{session.day}</dd>
        </div>
        <div>
          <dt>Clock</dt>
          <dd data-testid="simulation-clock">{formatNewYorkTime(new Date(session.clock))}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd data-testid="simulation-state">
            {session.paused ? "Paused" : "Running"} at {session.speed}x
          </dd>
        </div>
        <div>
          <dt>Published</dt>
          <dd>{Math.round(session.eventsPerSecond)} events/s</dd>
        </div>
      </dl>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          control.mutate({ paused: session.paused, speed: chosenSpeed });
        }}
      >
        <button
          type="button"
          className="button"
          disabled={control.isPending}
          onClick={() => control.mutate({ paused: !session.paused, speed: chosenSpeed })}
        >
          {session.paused ? "Resume" : "Pause"}
        </button>
        <label className="field">
          <span>Speed</span>
          <select value={chosenSpeed} onChange={(event) => setSpeed(Number(event.target.value))}>
            {[...new Set([...SPEEDS, session.speed])]
              .sort((a, b) => a - b)
              .map((option) => (
                <option key={option} value={option}>
                  {option}x
                </option>
              ))}
          </select>
        </label>
        <button
          type="submit"
          className="button secondary"
          disabled={control.isPending || chosenSpeed === session.speed}
        >
          Set speed
        </button>
        {control.error ? (
          <span role="alert" className="error">
            {control.error.message}
          </span>
        ) : null}
      </form>
    </section>
  );
}
