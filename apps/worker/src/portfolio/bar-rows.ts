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

/** A market_bars row as a worker thread sends it: a structured clone keeps no Decimal, so they go as text. */
export interface MarketBarText {
  symbol: string;
  date: string;
  open: string | null;
  high: string | null;
  low: string | null;
  close: string | null;
  volume: string | null;
}

const textOf = (value: Decimal | null | undefined): string | null => (value == null ? null : value.toFixed());
const decimalOf = (value: string | null): Decimal | null => (value === null ? null : new Decimal(value));

export function toMarketBarText(row: MarketBarRow): MarketBarText {
  return {
    symbol: row.symbol,
    date: row.date,
    open: textOf(row.open),
    high: textOf(row.high),
    low: textOf(row.low),
    close: textOf(row.close),
    volume: textOf(row.volume),
  };
}

export function fromMarketBarText(text: MarketBarText): MarketBarRow {
  return {
    symbol: text.symbol,
    date: text.date,
    open: decimalOf(text.open),
    high: decimalOf(text.high),
    low: decimalOf(text.low),
    close: decimalOf(text.close),
    volume: decimalOf(text.volume),
  };
}
