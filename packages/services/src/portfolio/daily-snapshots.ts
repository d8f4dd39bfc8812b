/**
 * The daily `portfolio_snapshots` and the account's time-weighted returns over them.
 *
 * A snapshot is the account valued as the Portfolio screen values it (book-valuation.ts) and is dated by
 * the UTC calendar day of the clock: trades carry wall-clock event times (the embedded simulator's too),
 * and deposits and withdrawals are effective from the start of a calendar day. The worker writes the
 * day's row again on each run (one row per user and date, see upsertPortfolioSnapshot), so once the day
 * has passed its row holds the last valuation taken in it: the end-of-day value.
 */
import { timeWeightedReturns } from "@nexus/core/analytics";
import type { Decimal } from "@nexus/core/money";
import type { Database } from "@nexus/db/client";
import { dailyNetCashFlows } from "@nexus/db/queries/cash-movements";
import {
  listAccountHolders,
  listPortfolioSnapshots,
  upsertPortfolioSnapshot,
} from "@nexus/db/queries/portfolio-snapshots";
import { utcDate, valueAccount } from "./book-valuation";
import type { ValuationDeps } from "./book-valuation";
import { toWire } from "./risk-requests";
import type { Wire } from "./risk-requests";

/** Money columns of the snapshot hold 4 decimal places (numeric(20, 4)); rounded half-even as money is. */
const MONEY_PLACES = 4;

/** Values every account and writes today's snapshot of each; resolves with the date and how many. */
export async function takeDailySnapshots(deps: ValuationDeps): Promise<{ asOfDate: string; users: number }> {
  const asOfDate = utcDate(deps.clock());
  const users = await listAccountHolders(deps.db);
  for (const userId of users) {
    const { summary, positions } = await valueAccount(deps, userId);
    const money = (value: Decimal) => value.toDecimalPlaces(MONEY_PLACES);
    const open = positions.filter((row) => !row.quantity.isZero());
    await upsertPortfolioSnapshot(deps.db, {
      userId,
      asOfDate,
      marketValue: money(summary.marketValue),
      cash: money(summary.cash),
      grossExposure: money(summary.grossExposure),
      netExposure: money(summary.marketValue),
      realizedPnl: money(summary.realizedPnl),
      unrealizedPnl: money(summary.unrealizedPnl),
      positionCount: open.length,
      holdings: open.map((row) => ({
        symbol: row.symbol,
        quantity: row.quantity.toFixed(),
        price: row.mark.toFixed(),
        market_value: row.marketValue.toFixed(),
        weight: row.weight,
      })),
    });
  }
  return { asOfDate, users: users.length };
}

/**
 * The account's time-weighted returns over its snapshots dated in [from, to] (@nexus/core/analytics
 * timeWeightedReturns): value = market value + cash of each snapshot, flows = deposits less withdrawals
 * by effective date. Wire form (typed arrays as arrays, NaN as null).
 */
export async function accountReturns(
  db: Database,
  userId: string,
  range: { from?: string; to?: string },
): Promise<Wire> {
  const until = range.to === undefined ? {} : { to: range.to };
  const [snapshots, flows] = await Promise.all([
    listPortfolioSnapshots(db, userId, until),
    dailyNetCashFlows(db, userId, until),
  ]);
  const valuations = snapshots.map((row) => ({
    date: row.asOfDate,
    value: row.marketValue.plus(row.cash).toNumber(),
  }));
  const external = [...flows].map(([date, amount]) => ({ date, amount: amount.toNumber() }));
  return toWire(timeWeightedReturns(valuations, external, range));
}
