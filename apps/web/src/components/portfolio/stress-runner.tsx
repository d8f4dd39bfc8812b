"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatMoney, formatPercent, formatPnl } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import type { StressResult } from "./types";

/** Replays a built-in historical episode on today's book: each position moved as its stock did then. */
export function StressRunner({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const scenarios = useQuery(trpc.portfolio.scenarios.queryOptions());
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const scenarioId = chosen ?? scenarios.data?.[0]?.id;
  const [run, setRun] = useState<string | undefined>(undefined);
  const result = useQuery({
    ...trpc.portfolio.stressTest.queryOptions({ userId, scenarioId: run }),
    enabled: run !== undefined,
  });
  const [stressed] = (result.data ?? []) as unknown as StressResult[];
  return (
    <section className="panel" aria-labelledby="stress-heading">
      <h2 id="stress-heading">Stress test: historical episodes</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setRun(scenarioId);
        }}
      >
        <label className="field">
          <span>Scenario</span>
          <select value={scenarioId ?? ""} onChange={(event) => setChosen(event.target.value)}>
            {(scenarios.data ?? []).map((scenario) => (
              <option key={scenario.id} value={scenario.id}>
                {scenario.id}: {scenario.name.split(":")[0]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={scenarioId === undefined || result.isFetching}>
          Run
        </button>
      </form>
      {result.error ? (
        <p role="alert" className="error">
          Stress test failed: {result.error.message}
        </p>
      ) : null}
      {stressed ? (
        <>
          <p data-testid="stress-pnl">
            {stressed.name} ({stressed.from} to {stressed.to}):{" "}
            <strong className={stressed.pnl.startsWith("-") ? "pnl-down" : "pnl-up"}>
              {formatPnl(stressed.pnl)}
            </strong>{" "}
            ({formatPercent(stressed.pnlFraction)} of gross exposure)
          </p>
          <table className="data" aria-label="Stress P&L by position">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  Move
                </th>
                <th scope="col" className="num">
                  P&amp;L
                </th>
              </tr>
            </thead>
            <tbody>
              {stressed.positions.map((position) => (
                <tr key={position.symbol}>
                  <th scope="row">{position.symbol}</th>
                  <td className="num">{formatMoney(position.value)}</td>
                  <td className="num" title={position.note}>
                    {position.change === null ? "no data" : formatPercent(Number(position.change), 1)}
                  </td>
                  <td className="num">{formatPnl(position.pnl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
