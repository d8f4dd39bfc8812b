"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatMoney, formatPercent, formatPnl } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import type { StressPosition, StressResult } from "./types";

type CustomScenario = {
  name: string;
  changes: Record<string, string>;
  sectors: Record<string, string>;
  otherwise?: string;
};

/** "-10" (percent, as typed) -> "-0.1" (the fraction the API takes), exactly; undefined when not a number. */
function percentToFraction(text: string): string | undefined {
  const match = /^\s*([+-]?)(\d{1,3})(?:\.(\d{1,4}))?\s*%?\s*$/.exec(text);
  if (match === null) return undefined;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const digits = `${whole.padStart(3, "0")}${fraction.padEnd(4, "0")}`; // percent x 10^4
  const value = (Number(digits) / 1_000_000).toFixed(6);
  return `${sign === "-" ? "-" : ""}${value}`;
}

/** "AAPL -10, MSFT -5" -> { AAPL: "-0.100000", MSFT: "-0.050000" }; the first bad entry as an error. */
function parseSymbolShocks(text: string): Record<string, string> | string {
  const shocks: Record<string, string> = {};
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [symbol = "", change = ""] = entry.split(/\s+/);
    const fraction = percentToFraction(change);
    if (!/^[A-Z][A-Z0-9.]{0,14}$/.test(symbol.toUpperCase()) || fraction === undefined) {
      return `"${entry}": write a symbol and a change in percent, e.g. AAPL -10`;
    }
    shocks[symbol.toUpperCase()] = fraction;
  }
  return shocks;
}

/**
 * A hypothetical scenario: price changes by symbol, by sector (for the held positions of the sector no
 * symbol change names) and for everything else, in percent.
 */
function CustomScenarioForm({
  sectors,
  onRun,
}: {
  sectors: readonly string[];
  onRun: (scenario: CustomScenario) => void;
}) {
  const [symbols, setSymbols] = useState("");
  const [bySector, setBySector] = useState<Record<string, string>>({});
  const [otherwise, setOtherwise] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  return (
    <form
      className="stack-form"
      aria-label="Custom stress test"
      onSubmit={(event) => {
        event.preventDefault();
        const changes = parseSymbolShocks(symbols);
        if (typeof changes === "string") return setProblem(changes);
        const sectorShocks: Record<string, string> = {};
        for (const [sector, text] of Object.entries(bySector)) {
          if (text.trim() === "") continue;
          const fraction = percentToFraction(text);
          if (fraction === undefined) return setProblem(`${sector}: a change in percent, e.g. -15`);
          sectorShocks[sector] = fraction;
        }
        const rest = otherwise.trim() === "" ? undefined : percentToFraction(otherwise);
        if (otherwise.trim() !== "" && rest === undefined)
          return setProblem("All other positions: a change in percent");
        setProblem(undefined);
        const parts = [
          ...Object.entries(changes).map(
            ([symbol, change]) => `${symbol} ${(Number(change) * 100).toFixed(1)} %`,
          ),
          ...Object.entries(sectorShocks).map(
            ([sector, change]) => `${sector} ${(Number(change) * 100).toFixed(1)} %`,
          ),
          ...(rest === undefined ? [] : [`others ${(Number(rest) * 100).toFixed(1)} %`]),
        ];
        onRun({
          name: parts.join(", ").slice(0, 100) || "no change",
          changes,
          sectors: sectorShocks,
          ...(rest === undefined ? {} : { otherwise: rest }),
        });
      }}
    >
      <label className="field">
        <span>Symbol shocks, % (e.g. AAPL -10, MSFT -5)</span>
        <input
          value={symbols}
          onChange={(event) => setSymbols(event.target.value)}
          aria-label="Symbol shocks"
        />
      </label>
      <fieldset className="sector-shocks">
        <legend>Sector shocks, %</legend>
        {sectors.map((sector) => (
          <label key={sector} className="field">
            <span>{sector}</span>
            <input
              value={bySector[sector] ?? ""}
              onChange={(event) => setBySector({ ...bySector, [sector]: event.target.value })}
              inputMode="decimal"
              size={6}
              aria-label={`${sector} shock`}
            />
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>All other positions, %</span>
        <input
          value={otherwise}
          onChange={(event) => setOtherwise(event.target.value)}
          inputMode="decimal"
          size={6}
        />
      </label>
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button">
        Run custom scenario
      </button>
    </form>
  );
}

function StressTable({ positions }: { positions: readonly StressPosition[] }) {
  return (
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
        {positions.map((position) => (
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
  );
}

/**
 * Stress tests of today's book: a built-in historical episode replayed (each position moved as its stock
 * did then), or a hypothetical scenario by symbol and sector.
 */
export function StressRunner({ userId, sectors }: { userId: string; sectors: readonly string[] }) {
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
  const [custom, setCustom] = useState<CustomScenario | undefined>(undefined);
  const customResult = useQuery({
    ...trpc.portfolio.stressTest.queryOptions({ userId, custom }),
    enabled: custom !== undefined,
  });
  const hypothetical = customResult.data as unknown as
    | (Omit<StressResult, "id" | "name" | "from" | "to"> & {
        scenario: string;
      })
    | undefined;
  return (
    <section className="panel" aria-labelledby="stress-heading">
      <h2 id="stress-heading">Stress tests</h2>
      <h3>Historical episode</h3>
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
          <StressTable positions={stressed.positions} />
        </>
      ) : null}
      <h3 className="spaced">Custom scenario</h3>
      <CustomScenarioForm sectors={sectors} onRun={setCustom} />
      {customResult.error ? (
        <p role="alert" className="error">
          Stress test failed: {customResult.error.message}
        </p>
      ) : null}
      {hypothetical && custom ? (
        <>
          <p data-testid="custom-stress-pnl">
            {custom.name}:{" "}
            <strong className={hypothetical.pnl.startsWith("-") ? "pnl-down" : "pnl-up"}>
              {formatPnl(hypothetical.pnl)}
            </strong>{" "}
            ({formatPercent(hypothetical.pnlFraction)} of gross exposure)
          </p>
          <StressTable positions={hypothetical.positions} />
        </>
      ) : null}
    </section>
  );
}
