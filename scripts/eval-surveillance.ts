/**
 * npm run eval:surveillance [-- --events N --seed S]
 *
 * Runs the surveillance engine in process over a seeded simulator run with labelled manipulation of all
 * six types and benign look-alikes (market makers, day traders, agency desks and blocks), then prints one
 * JSON line per type {"type","precision","recall","alerts","labelled"} and one for the market-maker check
 * to stdout; progress goes to stderr. Exits 1 when a target is missed (precision or recall < 0.9, or any
 * spoofing / quote-stuffing alert on a market maker). The scoring rule lives in @nexus/sim (score.ts).
 */
import { marketMakerCheck, missedTargets, scoreAlerts } from "@nexus/sim";
import { parseRunOptions } from "./eval-surveillance/options.js";
import { runEvaluation } from "./eval-surveillance/run.js";

const PROGRESS_EVERY = 100_000;

const options = parseRunOptions(process.argv.slice(2));
const started = performance.now();
const { simulator, alerts, seconds } = runEvaluation({
  ...options,
  onEvent: (_event, index, alertCount) => {
    if (index % PROGRESS_EVERY === 0)
      process.stderr.write(
        `${index} events, ${alertCount} alerts, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
  },
});

const scores = scoreAlerts(alerts, simulator.labels());
const makers = marketMakerCheck(
  alerts,
  simulator
    .simulatedUsers()
    .filter((user) => user.role === "market_maker")
    .map((user) => user.userId),
);
for (const score of scores) process.stdout.write(`${JSON.stringify(score)}\n`);
process.stdout.write(`${JSON.stringify(makers)}\n`);
const missed = missedTargets(scores, makers);
process.stderr.write(
  `${options.events} events in ${seconds.toFixed(1)} s; ` +
    (missed.length === 0 ? "every target met\n" : `missed: ${missed.join("; ")}\n`),
);
process.exitCode = missed.length === 0 ? 0 : 1;
