/**
 * A worker thread of the risk pool (risk-pool.ts): holds the price history it was last sent and answers
 * requests with runRiskRequest, off the event loop of the process that asked (the web server's must stay
 * free for other requests; a 100-position Monte Carlo VaR takes tens of milliseconds).
 */
import { parentPort } from "node:worker_threads";
import type { PriceHistory } from "@nexus/core/analytics";
import { asText, runRiskRequest } from "./risk-requests";
import type { RiskRequest, WirePosition } from "./risk-requests";

export type ThreadMessage =
  | {
      type: "history";
      version: string;
      dates: readonly string[];
      closes: [string, Float64Array][];
      volumes: [string, Float64Array][];
      confirmedMoves: [string, Set<string>][];
    }
  | { type: "task"; id: number; positions: WirePosition[]; request: RiskRequest };

let history: PriceHistory | undefined;

parentPort?.on("message", (message: ThreadMessage) => {
  if (message.type === "history") {
    history = {
      dates: message.dates,
      closes: new Map(message.closes),
      volumes: new Map(message.volumes),
      confirmedMoves: new Map(message.confirmedMoves),
    };
    return;
  }
  try {
    if (history === undefined) throw new Error("risk thread: no price history was sent before a task");
    parentPort?.postMessage({
      id: message.id,
      outcome: asText(runRiskRequest(history, message.positions, message.request)),
    });
  } catch (error) {
    parentPort?.postMessage({
      id: message.id,
      failure: error instanceof Error ? error.message : String(error),
    });
  }
});
