/**
 * npm run eval:surveillance [-- --events N --set tuning|held-out]
 *
 * Runs the surveillance engine in process over seeded simulator days with labelled manipulation of all
 * six types and benign look-alikes (market makers, day traders, agency desks and blocks, and the
 * look-alikes of the independent evaluation's false alarms), on two sets of seeds and days: the tuning
 * set and the held-out set (eval-surveillance/options.ts), each scored as a whole. Prints one JSON line
 * per set and type {"set","type","precision","recall","alerts","labelled"} and one per set for the
 * market-maker check to stdout; progress goes to stderr. Exits 1 when the held-out set (or the only set
 * run) misses a target (precision or recall < 0.9, or any spoofing / quote-stuffing alert on a market
 * maker). The scoring rule lives in @nexus/sim (score.ts).
 */
import { marketMakerCheck, missedTargets, scoreAlerts } from "@nexus/sim";
import type { ManipulationLabel, ScoredAlert } from "@nexus/sim";
import { SETS, parseRunOptions } from "./eval-surveillance/options.js";
import { runEvaluation } from "./eval-surveillance/run.js";

const PROGRESS_EVERY = 250_000;

const options = parseRunOptions(process.argv.slice(2));
const missedBySet = new Map<string, string[]>();
for (const set of options.sets) {
  const alerts: ScoredAlert[] = [];
  const labels: ManipulationLabel[] = [];
  const makers: string[] = [];
  for (const day of SETS[set]) {
    const started = performance.now();
    const run = runEvaluation({
      events: options.events,
      day,
      onEvent: (_event, index, alertCount) => {
        if (index % PROGRESS_EVERY === 0)
          process.stderr.write(
            `${set} seed ${day.seed} from ${day.fromDate}: ${index} events, ${alertCount} alerts, ` +
              `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
          );
      },
    });
    // Alert ids are unique per run only: the run's seed keeps them apart within the set.
    alerts.push(...run.alerts.map((alert) => ({ ...alert, alertId: `${day.seed}:${alert.alertId}` })));
    labels.push(...run.labels);
    makers.push(
      ...run.simulator
        .simulatedUsers()
        .filter((user) => user.role === "market_maker")
        .map((user) => user.userId),
    );
  }
  const scores = scoreAlerts(alerts, labels);
  const makerCheck = marketMakerCheck(alerts, makers);
  for (const score of scores) process.stdout.write(`${JSON.stringify({ set, ...score })}\n`);
  process.stdout.write(`${JSON.stringify({ set, ...makerCheck })}\n`);
  missedBySet.set(set, missedTargets(scores, makerCheck));
}
for (const [set, missed] of missedBySet)
  process.stderr.write(
    `${set} (${options.events} events x ${SETS[set as keyof typeof SETS].length} days): ` +
      (missed.length === 0 ? "every target met\n" : `missed: ${missed.join("; ")}\n`),
  );
const judged = missedBySet.get("held-out") ?? [...missedBySet.values()][0] ?? [];
process.exitCode = judged.length === 0 ? 0 : 1;
