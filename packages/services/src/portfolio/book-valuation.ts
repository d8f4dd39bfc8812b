/**
 * A trader's account valued now: each holding at its mark and the cash beside it, exact in Decimal. The
 * Portfolio screen's summary and the daily snapshots (daily-snapshots.ts) value an account the same way.
 */
import { Decimal, sumDecimals } from "@nexus/core/money";
import type { Database } from "@nexus/db/client";
import { netCashMovements } from "@nexus/db/queries/cash-movements";
import { lastTradePrices, listOpenPositionsWithMarks, listPositions } from "@nexus/db/queries/portfolio";
import type { MarketHistoryStore, MarketSnapshot } from "./market-history";
import { unrealizedPnl } from "./position-math";
import type { WirePosition } from "./risk-requests";

export interface ValuationDeps {
  db: Database;
  market: MarketHistoryStore;
  clock: () => Date;
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
  /**
   * Deposits less withdrawals effective by today (UTC), plus realized P&L, less the cost of the open
   * positions (a short's cost is negative: its proceeds are cash).
   */
  cash: Decimal;
  /** Deposits less withdrawals effective by today. */
  netDeposits: Decimal;
  /** What the account is worth: market value plus cash. */
  equity: Decimal;
  dayPnl: Decimal;
  realizedPnl: Decimal;
  unrealizedPnl: Decimal;
  totalPnl: Decimal;
  openPositions: number;
  /** Last date of the price history the risk figures use. */
  historyAsOf: string | null;
  /**
   * Set when the market-data service (MARKET_DATA_URL) could not be reached and the stored bars stood in:
   * their last date, shown as "stale as of" (MarketSnapshot.staleAsOf).
   */
  marketDataStaleAsOf: string | null;
}

/** The UTC calendar date of `at`, YYYY-MM-DD: the day trades (wall-clock event times) and movements share. */
export const utcDate = (at: Date): string => at.toISOString().slice(0, 10);

function lastClose(snapshot: MarketSnapshot, symbol: string): Decimal | undefined {
  const closes = snapshot.history.closes.get(symbol);
  for (let t = (closes?.length ?? 0) - 1; t >= 0; t--) {
    const close = closes?.[t] as number;
    if (!Number.isNaN(close)) return new Decimal(close);
  }
  return undefined;
}

/**
 * The open positions as the risk engine takes them (quantity, mark, sector; decimals as strings): the
 * marks alone, without the day's P&L and its second price look-up.
 */
export async function riskBook(
  deps: ValuationDeps,
  userId: string,
  snapshot: MarketSnapshot,
): Promise<WirePosition[]> {
  const rows = await listOpenPositionsWithMarks(deps.db, userId);
  return rows.map((row) => {
    const sector = snapshot.sectors.get(row.symbol);
    const mark = row.lastPrice ?? lastClose(snapshot, row.symbol) ?? row.averageCost;
    return {
      symbol: row.symbol,
      quantity: row.quantity.toFixed(),
      price: mark.toFixed(),
      ...(sector === undefined ? {} : { sector }),
    };
  });
}

/** Every position of the user (closed ones included) at its mark, and the market data used. */
export async function valueBook(
  deps: ValuationDeps,
  userId: string,
): Promise<{ positions: PositionView[]; snapshot: MarketSnapshot }> {
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

/** The account's summary (cash from its deposits and withdrawals and its trading) and its positions. */
export async function valueAccount(
  deps: ValuationDeps,
  userId: string,
): Promise<{ summary: PortfolioSummary; positions: PositionView[] }> {
  const [{ positions, snapshot }, netDeposits] = await Promise.all([
    valueBook(deps, userId),
    netCashMovements(deps.db, userId, utcDate(deps.clock())),
  ]);
  const sum = (pick: (row: PositionView) => Decimal) => sumDecimals(positions.map(pick));
  const realizedPnl = sum((row) => row.realizedPnl);
  const unrealized = sum((row) => row.unrealizedPnl);
  const marketValue = sum((row) => row.marketValue);
  const cash = netDeposits.plus(realizedPnl).minus(sum((row) => row.quantity.times(row.averageCost)));
  return {
    positions,
    summary: {
      userId,
      marketValue,
      grossExposure: sum((row) => row.marketValue.abs()),
      cash,
      netDeposits,
      equity: marketValue.plus(cash),
      dayPnl: sum((row) => row.dayPnl),
      realizedPnl,
      unrealizedPnl: unrealized,
      totalPnl: realizedPnl.plus(unrealized),
      openPositions: positions.filter((row) => !row.quantity.isZero()).length,
      historyAsOf: snapshot.history.dates[snapshot.history.dates.length - 1] ?? null,
      marketDataStaleAsOf: snapshot.staleAsOf,
    },
  };
}
