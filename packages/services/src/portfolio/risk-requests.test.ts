import { buildPriceHistory, historyBefore } from "@nexus/core/analytics";
import { Decimal } from "@nexus/core/money";
import { describe, expect, it } from "vitest";
import { riskRequestSchema, runRiskRequest, toWire } from "./risk-requests";
import type { RiskRequestInput, WirePosition } from "./risk-requests";
import { syntheticBars } from "./testing";

const history = buildPriceHistory(
  syntheticBars().map((bar) => ({
    symbol: bar.symbol,
    date: bar.date,
    close: bar.close ?? new Decimal(0),
    volume: 1000,
  })),
);
const book: WirePosition[] = [
  { symbol: "AAA", quantity: "100", price: "100", sector: "Energy" },
  { symbol: "BBB", quantity: "-50", price: "50" },
];
const run = (input: RiskRequestInput, positions = book) =>
  runRiskRequest(history, positions, riskRequestSchema.parse(input));

describe("toWire", () => {
  it("turns engine results into JSON data without losing a decimal digit", () => {
    expect(
      toWire({
        amount: new Decimal("0.1").plus("0.2"),
        ratio: Number.NaN,
        series: Float64Array.of(1.5, Number.POSITIVE_INFINITY),
        bySymbol: new Map([["AAA", 1]]),
        skipped: undefined,
        method: () => 1,
        flags: [true, null, "x"],
        flaggedAt: new Date("2026-11-24T14:30:00.000Z"),
      }),
    ).toEqual({
      flaggedAt: "2026-11-24T14:30:00.000Z",
      amount: "0.3",
      ratio: null,
      series: [1.5, null],
      bySymbol: { AAA: 1 },
      flags: [true, null, "x"],
    });
  });
});

describe("runRiskRequest", () => {
  it("defaults to the four VaR methods at 99 %, one day, 252 days", () => {
    const outcome = run({ metric: "var", lookbackDays: 250 });
    expect(outcome.ok).toBe(true);
    const results = (outcome.ok ? outcome.value : []) as Array<{
      method: string;
      confidence: number;
      horizon: string;
    }>;
    expect(results.map((result) => [result.method, result.confidence, result.horizon])).toEqual([
      ["historical", 0.99, "1D"],
      ["parametric", 0.99, "1D"],
      ["monte_carlo", 0.99, "1D"],
      ["cornish_fisher", 0.99, "1D"],
    ]);
  });

  it("leaves the components out when a caller asks for the figures alone", () => {
    const figures = (input: RiskRequestInput) => {
      const outcome = run(input);
      return (outcome.ok ? outcome.value : []) as Array<{ var: string; components: unknown[] }>;
    };
    const [full] = figures({ metric: "var", methods: ["historical"], lookbackDays: 250 });
    const [alone] = figures({ metric: "var", methods: ["historical"], lookbackDays: 250, components: false });
    expect(full?.components).toHaveLength(2);
    expect(alone).toEqual({ ...full, components: [] });
  });

  it("prices a what-if trade at the last close unless a price is given, and names an unknown symbol", () => {
    const atClose = run({
      metric: "marginal_var",
      lookbackDays: 250,
      trade: { symbol: "CCC", quantity: "10" },
    });
    const atPrice = run({
      metric: "marginal_var",
      lookbackDays: 250,
      trade: { symbol: "CCC", quantity: "10", price: "1000" },
    });
    expect(atClose.ok && atPrice.ok).toBe(true);
    expect(atClose).not.toEqual(atPrice);
    expect(run({ metric: "marginal_var", trade: { symbol: "ZZZ", quantity: "10" } })).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: "unknown_symbol", field: "trade.symbol", symbols: ["ZZZ"] }),
    });
  });

  it("runs every built-in episode the history holds, one by id, or a custom scenario", () => {
    const all = run({ metric: "stress" });
    expect(all.ok && (all.value as unknown[]).length).toBe(6);
    // A history that ends before Brexit (a session replaying June 2016) does not offer it.
    const beforeBrexit = runRiskRequest(
      historyBefore(history, "2016-06-01"),
      book,
      riskRequestSchema.parse({ metric: "stress" }),
    );
    expect(
      beforeBrexit.ok && (beforeBrexit.value as Array<{ id: string }>).map((result) => result.id),
    ).toEqual(["2015-08-24", "energy-2015-16", "2012-11-07", "2013-06-20", "emerging-markets-2014"]);
    const one = run({ metric: "stress", scenarioId: "2016-06-24" });
    expect(one.ok && (one.value as Array<{ id: string }>).map((result) => result.id)).toEqual(["2016-06-24"]);
    const custom = run({
      metric: "stress",
      custom: { name: "all down", changes: { AAA: "-0.1" }, otherwise: "-0.2" },
    });
    // AAA 10,000 x -10 %, BBB -2,500 x -20 %.
    expect(custom).toMatchObject({ ok: true, value: { scenario: "all down", pnl: "-500" } });
  });

  it("backtests each method over the last 250 days with the EWMA option for the parametric one", () => {
    const outcome = run({
      metric: "backtest",
      methods: ["historical", "parametric"],
      confidence: 0.95,
      lookbackDays: 40,
      volatility: "ewma",
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: [
        { method: "historical", observations: 250, zone: expect.stringMatching(/green|yellow|red/) },
        { method: "parametric", observations: 250 },
      ],
    });
    const days = (outcome.ok ? outcome.value : []) as Array<{ days: unknown[] }>;
    expect(days[0]?.days).toHaveLength(250);
    expect(riskRequestSchema.safeParse({ metric: "backtest", days: 5000 }).error?.issues[0]?.path).toEqual([
      "days",
    ]);
  });

  it("gives the performance charts' series and a clustered order for the correlation heatmap", () => {
    const series = run({ metric: "performance_series", benchmarkSymbol: "CCC", rollingWindow: 21 });
    expect(series).toMatchObject({ ok: true, value: { benchmark: "CCC", rollingWindow: 21 } });
    const value = (series.ok ? series.value : {}) as {
      dates: string[];
      rollingBeta: (number | null)[];
      months: string[];
    };
    expect(value.dates).toHaveLength(299);
    expect(value.rollingBeta[19]).toBeNull();
    expect(typeof value.rollingBeta[20]).toBe("number");
    expect(value.months[0]).toBe("2016-01");
    const matrix = run({ metric: "correlation", symbols: ["AAA", "BBB", "CCC"], lookbackDays: 250 });
    expect([...((matrix.ok ? matrix.value : {}) as { order: number[] }).order].sort()).toEqual([0, 1, 2]);
  });

  it("shocks a sector's positions unless a symbol shock names them", () => {
    const bySector = run({
      metric: "stress",
      custom: { name: "energy -30 %", changes: {}, sectors: { Energy: "-0.3" } },
    });
    // AAA (Energy) 10,000 x -30 %; BBB has no sector and no shock.
    expect(bySector).toMatchObject({ ok: true, value: { pnl: "-3000" } });
    const symbolFirst = run({
      metric: "stress",
      custom: { name: "AAA only", changes: { AAA: "0.05" }, sectors: { Energy: "-0.3" } },
    });
    expect(symbolFirst).toMatchObject({ ok: true, value: { pnl: "500" } });
  });

  it("answers correlation for the book or given symbols, returns by period, and the engine's refusals", () => {
    const matrix = run({ metric: "correlation", lookbackDays: 250 });
    expect(matrix).toMatchObject({ ok: true, value: { symbols: ["AAA", "BBB"] } });
    const given = run({ metric: "correlation", symbols: ["CCC", "AAA"], lookbackDays: 250 });
    expect(given).toMatchObject({ ok: true, value: { symbols: ["CCC", "AAA"] } });
    const yearly = run({ metric: "returns", frequency: "yearly" });
    expect(yearly).toMatchObject({ ok: true, value: { periods: ["2016", "2017"] } });
    expect(run({ metric: "risk_decomposition", lookbackDays: 250 })).toMatchObject({ ok: true });
    expect(run({ metric: "performance", from: "2016-06-01" })).toMatchObject({
      ok: true,
      value: { from: expect.any(String) },
    });
    expect(run({ metric: "var" }, [])).toMatchObject({ ok: false, error: { kind: "no_exposure" } });
  });

  it("refuses parameters outside their domain, naming them", () => {
    const refused = riskRequestSchema.safeParse({ metric: "var", confidence: 1.5, horizon: "10D" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join("."))).toEqual(["confidence", "horizon"]);
  });
});
