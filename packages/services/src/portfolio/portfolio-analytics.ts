/**
 * A trader's book and its risk, as the Portfolio screen and other services ask for them. Positions and
 * P&L are read and summed here (Decimal, exact); every analytics figure is computed by the engine in the
 * risk thread pool and cached by user, metric and parameters. A cached figure carries the versions of
 * the user's positions and of the market data it was computed on and is served only while they are
 * current, and a trade also deletes the user's keys (risk-cache.ts), so no figure of an old book is served
 * after a trade, whichever process cached it.
 */
import { HISTORICAL_SCENARIOS } from "@nexus/core/analytics";
import { Decimal, sumDecimals } from "@nexus/core/money";
import type { Database } from "@nexus/db/client";
import { lastTradePrices, listPositions, positionsVersion } from "@nexus/db/queries/portfolio";
import type { Cache } from "@nexus/platform/cache";
import { PortfolioError } from "./errors";
import type { MarketHistoryStore, MarketSnapshot } from "./market-history";
import { unrealizedPnl } from "./position-math";
import { portfolioCachePrefix } from "./risk-cache";
import type { RiskThreadPool } from "./risk-pool";
import { riskRequestSchema } from "./risk-requests";
import type { RiskRequestInput, Wire, WirePosition } from "./risk-requests";

export interface PortfolioAnalyticsDeps {
  db: Database;
  cache: Cache;
  pool: RiskThreadPool;
  market: MarketHistoryStore;
  clock: () => Date;
  /** How long a computed figure is kept (it is also dropped on the user's next trade). Default 5 min. */
  ttlSeconds?: number;
}

/** One holding valued at its mark; money as Decimal. */
export interface PositionView {
  symbol: string;
  sector: string | null;
  quantity: Decimal;
  averageCost: Decimal;
  /** The last trade price in the symbol, else its last stored close, else the average cost. */
  mark: Decimal;
  marketValue: Decimal;
  unrealizedPnl: Decimal;
  realizedPnl: Decimal;
  /** quantity x (mark - the mark before today (UTC), or the average cost when bought today). */
  dayPnl: Decimal;
  /** marketValue / gross exposure (0 when flat). */
  weight: number;
}

export interface PortfolioSummary {
  userId: string;
  marketValue: Decimal;
  grossExposure: Decimal;
  /** Cash from trading alone: sales less purchases (no deposits are recorded), realized - cost of holdings. */
  cash: Decimal;
  dayPnl: Decimal;
  realizedPnl: Decimal;
  unrealizedPnl: Decimal;
  totalPnl: Decimal;
  openPositions: number;
  /** Last date of the price history the risk figures use. */
  historyAsOf: string | null;
}

function lastClose(snapshot: MarketSnapshot, symbol: string): Decimal | undefined {
  const closes = snapshot.history.closes.get(symbol);
  for (let t = (closes?.length ?? 0) - 1; t >= 0; t--) {
    const close = closes?.[t] as number;
    if (!Number.isNaN(close)) return new Decimal(close);
  }
  return undefined;
}

/**
 * A cached risk figure (JSON text) with the versions of the book and of the market data it was computed
 * on: it is served only while both are still current.
 */
interface CachedFigure {
  positions: string;
  market: string;
  text: string;
}

export function createPortfolioAnalytics(deps: PortfolioAnalyticsDeps) {
  const ttlSeconds = deps.ttlSeconds ?? 300;

  async function book(userId: string): Promise<{ positions: PositionView[]; snapshot: MarketSnapshot }> {
    const [rows, snapshot] = await Promise.all([listPositions(deps.db, userId), deps.market.current()]);
    const symbols = rows.map((row) => row.symbol);
    const now = deps.clock();
    const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const [marks, previousMarks] = await Promise.all([
      lastTradePrices(deps.db, symbols),
      lastTradePrices(deps.db, symbols, startOfDay),
    ]);
    const valued = rows.map((row) => {
      const mark = marks.get(row.symbol) ?? lastClose(snapshot, row.symbol) ?? row.averageCost;
      const before = previousMarks.get(row.symbol) ?? row.averageCost;
      return {
        symbol: row.symbol,
        sector: snapshot.sectors.get(row.symbol) ?? null,
        quantity: row.quantity,
        averageCost: row.averageCost,
        mark,
        marketValue: row.quantity.times(mark),
        unrealizedPnl: unrealizedPnl(row, mark),
        realizedPnl: row.realizedPnl,
        dayPnl: row.quantity.times(mark.minus(before)),
      };
    });
    const gross = sumDecimals(valued.map((row) => row.marketValue.abs()));
    const positions = valued.map((row) => ({
      ...row,
      weight: gross.isZero() ? 0 : row.marketValue.div(gross).toNumber(),
    }));
    return { positions, snapshot };
  }

  /**
   * A risk figure of the user's book (see riskRequestSchema) as JSON text, from the cache or computed
   * in the pool: text, because that is what the cache holds and what the API sends (parsing and
   * re-serialising a 100-position VaR would cost more than the cache saves). Refusals of the engine
   * (too little history, an unknown symbol, nothing held) are PortfolioErrors and are not cached.
   */
  async function riskJson(userId: string, input: RiskRequestInput): Promise<string> {
    const request = riskRequestSchema.parse(input);
    const key = `${portfolioCachePrefix(userId)}${request.metric}:${JSON.stringify(request)}`;
    // The book's version, the market data and the cached figure are read at once: one round trip's wait
    // instead of a database read and then a cache read (issue 14: a cached VaR within 5 ms at p95).
    const [version, snapshot, cached] = await Promise.all([
      positionsVersion(deps.db, userId),
      deps.market.current(),
      deps.cache.get<CachedFigure>(key),
    ]);
    if (cached?.positions === version && cached.market === snapshot.version) return cached.text;
    const { positions } = await book(userId);
    const wire: WirePosition[] = positions
      .filter((row) => !row.quantity.isZero())
      .map((row) => ({
        symbol: row.symbol,
        quantity: row.quantity.toFixed(),
        price: row.mark.toFixed(),
        ...(row.sector === null ? {} : { sector: row.sector }),
      }));
    const outcome = await deps.pool.run(snapshot, wire, request);
    if (!outcome.ok) throw PortfolioError.fromAnalytics(outcome.error);
    const text = JSON.stringify(outcome.value);
    const figure: CachedFigure = { positions: version, market: snapshot.version, text };
    await deps.cache.set(key, figure, ttlSeconds);
    return text;
  }

  return {
    riskJson,

    positions: async (userId: string): Promise<PositionView[]> => (await book(userId)).positions,

    async summary(userId: string): Promise<PortfolioSummary> {
      const { positions, snapshot } = await book(userId);
      const sum = (pick: (row: PositionView) => Decimal) => sumDecimals(positions.map(pick));
      const realizedPnl = sum((row) => row.realizedPnl);
      const unrealized = sum((row) => row.unrealizedPnl);
      return {
        userId,
        marketValue: sum((row) => row.marketValue),
        grossExposure: sum((row) => row.marketValue.abs()),
        cash: realizedPnl.minus(sum((row) => row.quantity.times(row.averageCost))),
        dayPnl: sum((row) => row.dayPnl),
        realizedPnl,
        unrealizedPnl: unrealized,
        totalPnl: realizedPnl.plus(unrealized),
        openPositions: positions.filter((row) => !row.quantity.isZero()).length,
        historyAsOf: snapshot.history.dates[snapshot.history.dates.length - 1] ?? null,
      };
    },

    /** The same figure as data. */
    risk: async (userId: string, input: RiskRequestInput): Promise<Wire> =>
      JSON.parse(await riskJson(userId, input)) as Wire,

    /** Drops the user's cached figures (they are recomputed on the next request). */
    invalidate: (userId: string): Promise<number> => deps.cache.deleteByPrefix(portfolioCachePrefix(userId)),

    /** The built-in historical stress episodes the screen offers. */
    scenarios: () => HISTORICAL_SCENARIOS.map(({ id, name, from, to }) => ({ id, name, from, to })),
  };
}

export type PortfolioAnalytics = ReturnType<typeof createPortfolioAnalytics>;
