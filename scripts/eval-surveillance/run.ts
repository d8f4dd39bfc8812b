import { createSurveillanceEngine } from "@nexus/core/surveillance";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import type { ConsumedEvent } from "@nexus/core/events";
import { SeededRandom, createMarketSimulator, loadSampleBars } from "@nexus/sim";
import type { ManipulationLabel, MarketSimulator } from "@nexus/sim";
import type { EvaluationDay } from "./options.js";

export interface EvaluationRun {
  simulator: MarketSimulator;
  /** The latest version of every alert created or updated, by alertId. */
  alerts: SurveillanceAlert[];
  labels: readonly ManipulationLabel[];
  seconds: number;
}

/**
 * The evaluation's flow on one day: every sample symbol, the benign population with day traders and
 * block desks, the benign look-alikes of @nexus/sim's look-alikes.ts, labelled manipulation of all six
 * types; each order and trade event fed to an engine given the reference data the population implies.
 */
export function runEvaluation(options: {
  events: number;
  day: EvaluationDay;
  onEvent?: (event: ConsumedEvent, index: number, alertCount: number) => void;
}): EvaluationRun {
  const { seed, fromDate } = options.day;
  const simulator = createMarketSimulator({
    bars: loadSampleBars().bars,
    seed,
    fromDate,
    startTime: Date.parse("2026-11-24T14:30:00.000Z"),
    // A retail crowd of hundreds (each trades a symbol now and then, not every minute), day traders, block desks.
    traders: { noiseTraders: 500, dayTraders: 50, blockDesks: 2 },
    manipulation: { intensity: 5 },
  });
  const ids = new SeededRandom(seed ^ 0x5eed);
  const engine = createSurveillanceEngine({
    newId: () => ids.uuid(),
    reference: simulator.referenceData(),
  });
  const alerts = new Map<string, SurveillanceAlert>();
  const keep = (found: readonly SurveillanceAlert[]): void => {
    for (const alert of found) alerts.set(alert.alertId, alert);
  };
  const started = performance.now();
  for (let index = 1; index <= options.events; index++) {
    const event = simulator.next();
    if (event.event_type === "trade.executed") keep(engine.processTradeEvent(event));
    else if (event.event_type !== "quote") keep(engine.processOrderEvent(event));
    options.onEvent?.(event, index, alerts.size);
  }
  keep(engine.flush());
  return {
    simulator,
    alerts: [...alerts.values()],
    labels: simulator.labels(),
    seconds: (performance.now() - started) / 1000,
  };
}
