/**
 * npm run eval:surveillance [-- --events N --seed S]
 *
 * Runs the surveillance engine in process over a seeded simulator run with labelled manipulation of all
 * six types and benign look-alikes (market makers, day traders, agency desks and blocks), then prints one
 * JSON line per type {"type","precision","recall","alerts","labelled"} and one for the market-maker check
 * to stdout; progress goes to stderr. Exits 1 when a target is missed (precision or recall < 0.9, or any
 * spoofing / quote-stuffing alert on a market maker). The scoring rule lives in @nexus/sim (score.ts).
 */
import { parseArgs } from "node:util";
import { createSurveillanceEngine } from "@nexus/core/surveillance";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import {
  SeededRandom,
  createMarketSimulator,
  loadSampleBars,
  marketMakerCheck,
  missedTargets,
  scoreAlerts,
} from "@nexus/sim";

const DEFAULT_EVENTS = 1_000_000;
const DEFAULT_SEED = 20_261_124;
const PROGRESS_EVERY = 100_000;

const { values } = parseArgs({
  options: { events: { type: "string" }, seed: { type: "string" } },
  strict: true,
});
const eventCount = Number(values.events ?? DEFAULT_EVENTS);
const seed = Number(values.seed ?? DEFAULT_SEED);
if (!Number.isInteger(eventCount) || eventCount < 1)
  throw new Error("--events: expected a positive whole number");
if (!Number.isInteger(seed)) throw new Error("--seed: expected a whole number");

const simulator = createMarketSimulator({
  bars: loadSampleBars().bars,
  seed,
  startTime: Date.parse("2026-11-24T14:30:00.000Z"),
  traders: { dayTraders: 20, blockDesks: 2 },
  manipulation: {},
});
const ids = new SeededRandom(seed ^ 0x5eed);
const engine = createSurveillanceEngine({
  newId: () => ids.uuid(),
  relatedAccounts: simulator.relatedAccounts(),
});

const alerts = new Map<string, SurveillanceAlert>();
const keep = (found: readonly SurveillanceAlert[]): void => {
  for (const alert of found) alerts.set(alert.alertId, alert);
};
const started = performance.now();
for (let index = 1; index <= eventCount; index++) {
  const event = simulator.next();
  if (event.event_type === "trade.executed") keep(engine.processTradeEvent(event));
  else if (event.event_type !== "quote") keep(engine.processOrderEvent(event));
  if (index % PROGRESS_EVERY === 0)
    process.stderr.write(
      `${index} events, ${alerts.size} alerts, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
}
keep(engine.flush());

const latest = [...alerts.values()];
const scores = scoreAlerts(latest, simulator.labels());
const makers = marketMakerCheck(
  latest,
  simulator
    .simulatedUsers()
    .filter((user) => user.role === "market_maker")
    .map((user) => user.userId),
);
for (const score of scores) process.stdout.write(`${JSON.stringify(score)}\n`);
process.stdout.write(`${JSON.stringify(makers)}\n`);
const missed = missedTargets(scores, makers);
process.stderr.write(
  `${eventCount} events in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    (missed.length === 0 ? "every target met\n" : `missed: ${missed.join("; ")}\n`),
);
process.exitCode = missed.length === 0 ? 0 : 1;
