/**
 * Portfolio analytics speed on the real data the repository ships (packages/sim/data, see its
 * PROVENANCE.md), or on another daily-bar CSV (.csv.gz) named by env NEXUS_MARKET_DATA:
 *   analytics.var100.all_methods_ms  100 positions, all four VaR methods, 252-day lookback, together
 *   analytics.corr50.ms              50-symbol correlation matrix over 252 days
 *   analytics.mc10k_100.ms           Monte Carlo VaR, 10,000 paths x 100 assets
 *   analytics.returns5y.ms           5 years of daily portfolio returns (100 positions), every frequency
 * Parsing the CSV is not timed. Each figure is the median of RUNS warm runs after WARMUP untimed ones.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  HISTORICAL_SCENARIOS,
  RETURN_FREQUENCIES,
  VAR_METHODS,
  aggregateReturns,
  buildPriceHistory,
  calculateCorrelationMatrix,
  calculateRiskDecomposition,
  calculateVaR,
  calculateVaRs,
  portfolioReturns,
  runHistoricalScenario,
} from "@nexus/core/analytics";
import type { PortfolioPosition, PriceHistory } from "@nexus/core/analytics";
import { toDecimal } from "@nexus/core/money";
import { loadDailyBars, parseDailyBars } from "@nexus/sim";
import type { BenchResult } from "./types.js";

const WARMUP = 5;
const RUNS = 21;
const dataFile = process.env.NEXUS_MARKET_DATA;

const log = (message: string) => process.stderr.write(`bench analytics: ${message}\n`);

function medianMs(name: string, run: () => void): number {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  // CPU time next to wall time: on a shared machine the wall clock also counts waiting for a core.
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000 / RUNS;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] as number;
  log(
    `${name}: median ${median.toFixed(2)} ms, fastest ${(times[0] as number).toFixed(2)} ms, ${cpuMs.toFixed(2)} ms CPU a run (${RUNS} warm runs)`,
  );
  return median;
}

/**
 * The first `count` symbols (alphabetical) priced on at least 99 % of the dates and on the last one: a
 * realistic book, which still meets the data's suspect moves (and, in a file with gaps, its gaps).
 */
function wellPriced(history: PriceHistory, count: number): string[] {
  const symbols = [...history.closes.entries()]
    .filter(([, closes]) => {
      const missing = closes.filter((close) => Number.isNaN(close)).length;
      return missing <= 0.01 * closes.length && !Number.isNaN(closes[closes.length - 1] as number);
    })
    .map(([symbol]) => symbol)
    .sort();
  if (symbols.length < count) throw new Error(`only ${symbols.length} well-priced symbols`);
  return symbols.slice(0, count);
}

function book(history: PriceHistory, symbols: readonly string[]): PortfolioPosition[] {
  return symbols.map((symbol, i) => {
    const closes = history.closes.get(symbol) as Float64Array;
    // Long most names, short every fifth: a long/short book exercises the signed paths.
    const quantity = i % 5 === 4 ? "-150" : String(100 + 10 * i);
    return { symbol, quantity: toDecimal(quantity), price: toDecimal(String(closes[closes.length - 1])) };
  });
}

export default async function bench(): Promise<BenchResult[]> {
  log(`parsing ${dataFile ?? "the shipped daily bars"} (not timed)`);
  const { bars, issues } =
    dataFile === undefined
      ? loadDailyBars()
      : parseDailyBars(gunzipSync(readFileSync(dataFile)).toString("utf8"));
  const history = buildPriceHistory(bars);
  log(
    `${bars.length} bars, ${history.closes.size} symbols, ${history.dates.length} dates (${history.droppedDates.length} thin dates dropped), ${issues.length} data issues`,
  );

  const hundred = wellPriced(history, 100);
  const positions = book(history, hundred);
  const fifty = hundred.slice(0, 50);

  const check = calculateVaRs(positions, history, VAR_METHODS, { confidence: 0.99 });
  if (!check.ok) throw new Error(check.error.message);
  for (const result of check.value) {
    log(
      `${result.method}: VaR99 ${result.var} ES ${result.expectedShortfall} on ${result.observations} scenarios, ${result.excluded.length} returns excluded`,
    );
  }

  const risk = calculateRiskDecomposition(positions, history);
  if (risk.ok) {
    const { totalRisk, systematicRisk, idiosyncraticRisk, factorExposures, concentration } = risk.value;
    const exposures = factorExposures
      .map(({ factor, exposure }) => `${factor} ${exposure.toFixed(3)}`)
      .join(", ");
    log(
      `risk: total ${totalRisk.toFixed(4)}, systematic ${systematicRisk.toFixed(4)}, idiosyncratic ${idiosyncraticRisk.toFixed(4)}; ${exposures}; HHI ${concentration.hhi.toFixed(4)}`,
    );
  }
  for (const scenario of HISTORICAL_SCENARIOS) {
    const stress = runHistoricalScenario(positions, history, scenario);
    const unpriced = stress.positions.filter((p) => p.change === null).length;
    log(
      `stress ${scenario.id}: P&L ${stress.pnl} (${(stress.pnlFraction * 100).toFixed(2)} %), ${unpriced} position(s) unpriced`,
    );
  }

  const var100 = medianMs("var100", () => {
    calculateVaRs(positions, history, VAR_METHODS, { confidence: 0.99, lookbackDays: 252 });
  });
  const corr50 = medianMs("corr50", () => {
    calculateCorrelationMatrix(history, fifty, { lookbackDays: 252 });
  });
  const mc = medianMs("mc10k_100", () => {
    calculateVaR(positions, history, { method: "monte_carlo", confidence: 0.99, paths: 10_000 });
  });
  const returns5y = medianMs("returns5y", () => {
    const daily = portfolioReturns(positions, history);
    for (const frequency of RETURN_FREQUENCIES) aggregateReturns(daily, frequency);
  });

  return [
    { name: "analytics.var100.all_methods_ms", value: var100, unit: "ms", target: 20, better: "lower" },
    { name: "analytics.corr50.ms", value: corr50, unit: "ms", target: 5, better: "lower" },
    { name: "analytics.mc10k_100.ms", value: mc, unit: "ms", target: 150, better: "lower" },
    { name: "analytics.returns5y.ms", value: returns5y, unit: "ms", target: 20, better: "lower" },
  ];
}
