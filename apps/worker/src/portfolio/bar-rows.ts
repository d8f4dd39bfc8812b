/**
 * Daily bars as parsed from a CSV (@nexus/sim's parser, which reports every dirty row by line) to the
 * rows of `market_bars`: a value the parser left out (empty or not a positive number) is stored as null,
 * a missing volume as null (never zero). A low above the high (the shipped data has some, reported by the
 * parser as inconsistent_range) says neither can be trusted: both are stored as null and the close kept,
 * as the parser keeps it, since returns and risk stand on the close alone.
 */
import type { DailyBar } from "@nexus/sim";
import type { MarketBarRow } from "@nexus/db/queries/market";
import { Decimal } from "@nexus/core/money";

export function toMarketBarRow(bar: DailyBar): MarketBarRow {
  const rangeBroken = bar.low !== undefined && bar.high !== undefined && bar.low.gt(bar.high);
  return {
    symbol: bar.symbol,
    date: bar.date,
    open: bar.open ?? null,
    high: rangeBroken ? null : (bar.high ?? null),
    low: rangeBroken ? null : (bar.low ?? null),
    close: bar.close,
    volume: Number.isFinite(bar.volume) ? new Decimal(bar.volume) : null,
  };
}
