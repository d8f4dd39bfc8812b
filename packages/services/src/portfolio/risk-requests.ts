/**
 * The heavy half of the portfolio service: one request (VaR, performance, correlation, ...) computed by
 * @nexus/core/analytics over a book and the stored price history, answered in wire form (Decimals as
 * strings, typed arrays as arrays) because it crosses a worker thread and the cache as structured data and
 * JSON. Pure: the thread (risk-thread.ts) and the tests call it the same way.
 */
import {
  HISTORICAL_SCENARIOS,
  BACKTEST_DAYS,
  MAX_BACKTEST_DAYS,
  RETURN_FREQUENCIES,
  VAR_METHODS,
  VOLATILITY_MODELS,
  aggregateReturns,
  backtestVaR,
  calculateCorrelationMatrix,
  calculateRiskDecomposition,
  calculateVaRs,
  clusteredOrder,
  marginalVaR,
  performanceSeries,
  portfolioPerformance,
  portfolioReturns,
  runHistoricalScenario,
  scenariosWithin,
  runStressScenario,
} from "@nexus/core/analytics";
import type {
  AnalyticsError,
  Outcome,
  PortfolioPosition,
  PriceHistory,
  TimeHorizon,
} from "@nexus/core/analytics";
import { Decimal, toDecimal } from "@nexus/core/money";
import { z } from "zod";

const HORIZONS = ["1D", "1W", "1M", "3M", "1Y"] as const satisfies readonly TimeHorizon[];
const isoDate = z.iso.date({ error: "expected a date YYYY-MM-DD" });
const decimalString = z.string().regex(/^-?\d{1,18}(\.\d{1,12})?$/, { error: "expected a decimal string" });
const symbol = z.string().regex(/^[A-Z][A-Z0-9.]{0,14}$/, { error: "expected a ticker symbol such as AAPL" });
const lookbackDays = z.number().int().min(2).max(5000).default(252);
const riskWindow = {
  confidence: z.number().gt(0.5).lt(1).default(0.99),
  horizon: z.enum(HORIZONS).default("1D"),
  lookbackDays,
  /** Parametric VaR's volatility: equal-weighted sample, or RiskMetrics' EWMA (lambda 0.94). */
  volatility: z.enum(VOLATILITY_MODELS).default("sample"),
};
const varMethods = z
  .array(z.enum(VAR_METHODS))
  .min(1)
  .max(VAR_METHODS.length)
  .default([...VAR_METHODS]);

/** The parameters of each figure that may be asked (defaults: 99 %, 1 day, 252 trading days). */
export const riskParameters = {
  var: z.object({
    methods: varMethods,
    ...riskWindow,
    /** Component VaR per position; false for the figures alone (a pre-trade check needs no breakdown). */
    components: z.boolean().default(true),
  }),
  /** One-day forecasts of each method against the book's P&L over the last `days` trading dates. */
  backtest: z.object({
    methods: varMethods,
    confidence: riskWindow.confidence,
    lookbackDays,
    volatility: riskWindow.volatility,
    days: z.number().int().min(1).max(MAX_BACKTEST_DAYS).default(BACKTEST_DAYS),
  }),
  marginal_var: z.object({
    method: z.enum(VAR_METHODS).default("historical"),
    ...riskWindow,
    /** The trade whose VaR is asked: a signed quantity (negative sells) at an optional price (the last close). */
    trade: z.object({ symbol, quantity: decimalString, price: decimalString.optional() }),
  }),
  performance: z.object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    benchmarkSymbol: symbol.optional(),
    riskFreeRate: z.number().gt(-1).lt(1).optional(),
  }),
  /** The charts' series: cumulative return, drawdown, rolling metrics over `rollingWindow` days, months. */
  performance_series: z.object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    benchmarkSymbol: symbol.optional(),
    riskFreeRate: z.number().gt(-1).lt(1).optional(),
    rollingWindow: z.number().int().min(2).max(1260).default(63),
  }),
  risk_decomposition: z.object({ lookbackDays }),
  correlation: z.object({
    /** The book's symbols when not given. */
    symbols: z.array(symbol).min(2).max(200).optional(),
    lookbackDays,
  }),
  stress: z.object({
    /**
     * One of HISTORICAL_SCENARIOS by id (all those the history holds when neither is given), or a custom
     * scenario.
     */
    scenarioId: z
      .enum(HISTORICAL_SCENARIOS.map((scenario) => scenario.id) as [string, ...string[]])
      .optional(),
    custom: z
      .object({
        name: z.string().min(1).max(100),
        changes: z.record(symbol, decimalString),
        /** Sector -> change, for the positions of that sector the symbol changes do not name. */
        sectors: z.record(z.string().min(1).max(60), decimalString).optional(),
        otherwise: decimalString.optional(),
      })
      .optional(),
  }),
  returns: z.object({
    frequency: z.enum(RETURN_FREQUENCIES).default("daily"),
    from: isoDate.optional(),
    to: isoDate.optional(),
  }),
};

/** What may be asked: a metric and its parameters. */
export const riskRequestSchema = z.discriminatedUnion("metric", [
  riskParameters.var.extend({ metric: z.literal("var") }),
  riskParameters.backtest.extend({ metric: z.literal("backtest") }),
  riskParameters.marginal_var.extend({ metric: z.literal("marginal_var") }),
  riskParameters.performance.extend({ metric: z.literal("performance") }),
  riskParameters.performance_series.extend({ metric: z.literal("performance_series") }),
  riskParameters.risk_decomposition.extend({ metric: z.literal("risk_decomposition") }),
  riskParameters.correlation.extend({ metric: z.literal("correlation") }),
  riskParameters.stress.extend({ metric: z.literal("stress") }),
  riskParameters.returns.extend({ metric: z.literal("returns") }),
]);
export type RiskRequest = z.output<typeof riskRequestSchema>;
export type RiskRequestInput = z.input<typeof riskRequestSchema>;

/** A holding as it crosses to the thread: Decimals as strings. */
export interface WirePosition {
  symbol: string;
  quantity: string;
  price: string;
  sector?: string;
}

/** A result as it crosses to the thread and the cache: JSON data (Decimal -> string, NaN -> null). */
export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

export type WireOutcome = { ok: true; value: Wire } | { ok: false; error: AnalyticsError };

/**
 * A result as the risk thread hands it back: the JSON text the cache keeps and the API sends. Text, not
 * the data: a string crosses between threads as one copy, where a structured clone of a five-year return
 * series (2,500 strings and as many numbers) cost the server's event loop more than the JSON encoding.
 */
export type TextOutcome = { ok: true; text: string } | { ok: false; error: AnalyticsError };

export const asText = (outcome: WireOutcome): TextOutcome =>
  outcome.ok ? { ok: true, text: JSON.stringify(outcome.value) } : outcome;

export const asWire = (outcome: TextOutcome): WireOutcome =>
  outcome.ok ? { ok: true, value: JSON.parse(outcome.text) as Wire } : outcome;

/**
 * Any result of the engine (or row of the store) as JSON data: Decimals as their exact strings, typed
 * arrays as arrays, times as ISO 8601 strings.
 */
export function toWire(value: unknown): Wire {
  if (value === null || value === undefined) return null;
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array, (x) => toWire(x));
  if (Array.isArray(value)) return value.map(toWire);
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([key, item]) => [String(key), toWire(item)]));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined && typeof item !== "function")
      .map(([key, item]) => [key, toWire(item)]),
  );
}

const wire = <T>(outcome: Outcome<T>, shape: (value: T) => unknown = (value) => value): WireOutcome =>
  outcome.ok ? { ok: true, value: toWire(shape(outcome.value)) } : outcome;

const toPositions = (positions: readonly WirePosition[]): PortfolioPosition[] =>
  positions.map((position) => ({
    symbol: position.symbol,
    quantity: toDecimal(position.quantity),
    price: toDecimal(position.price),
    ...(position.sector === undefined ? {} : { sector: position.sector }),
  }));

/** The last close of `symbol` in the history (the mark of a what-if trade without a price). */
function lastClose(history: PriceHistory, symbol: string): Decimal | undefined {
  const closes = history.closes.get(symbol);
  if (closes === undefined) return undefined;
  for (let t = closes.length - 1; t >= 0; t--) {
    const close = closes[t] as number;
    if (!Number.isNaN(close)) return new Decimal(close);
  }
  return undefined;
}

/** The symbols of a correlation request: those asked, else the book's (sorted). */
export const correlationSymbols = (
  request: { symbols?: readonly string[] | undefined },
  book: readonly WirePosition[],
): readonly string[] => request.symbols ?? [...new Set(book.map((position) => position.symbol))].sort();

export function runRiskRequest(
  history: PriceHistory,
  book: readonly WirePosition[],
  request: RiskRequest,
): WireOutcome {
  const positions = toPositions(book);
  switch (request.metric) {
    case "var":
      return wire(calculateVaRs(positions, history, request.methods, request));
    case "backtest":
      return wire(backtestVaR(positions, history, request.methods, request));
    case "marginal_var": {
      const { trade } = request;
      const price = trade.price === undefined ? lastClose(history, trade.symbol) : toDecimal(trade.price);
      if (price === undefined) {
        return {
          ok: false,
          error: {
            kind: "unknown_symbol",
            field: "trade.symbol",
            symbols: [trade.symbol],
            message: `trade.symbol: no price history for ${trade.symbol}`,
          },
        };
      }
      const move = { symbol: trade.symbol, quantity: toDecimal(trade.quantity), price };
      return wire(marginalVaR(positions, move, history, request));
    }
    case "performance":
      return wire(portfolioPerformance(positions, history, request));
    case "performance_series":
      return wire(performanceSeries(positions, history, request));
    case "risk_decomposition":
      return wire(calculateRiskDecomposition(positions, history, request));
    case "correlation": {
      const symbols = correlationSymbols(request, book);
      return wire(calculateCorrelationMatrix(history, symbols, request), (matrix) => ({
        symbols: matrix.symbols,
        values: matrix.values,
        /** A display order with correlated names adjacent (average-linkage clustering). */
        order: clusteredOrder(matrix.values, matrix.symbols.length),
        observations: matrix.observations,
        repaired: matrix.repaired,
        undefinedPairs: matrix.undefinedPairs,
        excludedCount: matrix.excluded.length,
      }));
    }
    case "stress": {
      if (request.custom !== undefined) {
        const { name, changes, sectors = {}, otherwise } = request.custom;
        const shocks = new Map(Object.entries(changes).map(([key, change]) => [key, toDecimal(change)]));
        // A sector shock moves each position of the sector that no symbol shock names (symbol first).
        for (const { symbol: held, sector } of positions) {
          const change = sector === undefined ? undefined : sectors[sector];
          if (change !== undefined && !shocks.has(held)) shocks.set(held, toDecimal(change));
        }
        return wire({
          ok: true,
          value: runStressScenario(positions, shocks, {
            name,
            ...(otherwise === undefined ? {} : { otherwise: toDecimal(otherwise) }),
          }),
        });
      }
      // Every episode the history holds, or the one asked for (one it does not hold prices nothing).
      const scenarios =
        request.scenarioId === undefined
          ? scenariosWithin(history)
          : HISTORICAL_SCENARIOS.filter((scenario) => scenario.id === request.scenarioId);
      return wire({
        ok: true,
        value: scenarios.map((scenario) => ({
          id: scenario.id,
          name: scenario.name,
          from: scenario.from,
          to: scenario.to,
          ...runHistoricalScenario(positions, history, scenario),
        })),
      });
    }
    case "returns": {
      const daily = portfolioReturns(positions, history, request);
      return wire(daily, (series) => ({
        ...aggregateReturns(series, request.frequency),
        excludedCount: series.excluded.length,
      }));
    }
  }
}
