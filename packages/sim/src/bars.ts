import { toDecimal } from "@nexus/core/money";
import type { Decimal } from "@nexus/core/money";

/** One clean daily bar: all of open, high, low, close present, positive and consistent (low <= open, close <= high). */
export interface DailyBar {
  date: string;
  symbol: string;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: number;
}

export type DataIssueKind =
  | "malformed_row"
  | "missing_price"
  | "missing_volume"
  | "inconsistent_range"
  | "duplicate_row"
  | "suspect_return";

/**
 * A row that needs a human look. Every kind but suspect_return means the row is left out of `bars` (the
 * raw row is kept here so nothing is lost); a suspect_return bar is kept, since a spin-off gap is a real
 * price, and it is the consumer's call (VaR excludes it, the simulator can replay it).
 */
export interface DataIssue {
  kind: DataIssueKind;
  /** 1-based line number in the CSV (the header is line 1). */
  line: number;
  symbol: string;
  date: string;
  message: string;
  row: string;
}

/** shared/data/market/README.md: one-day moves beyond 40 % are spin-offs or vendor glitches. */
export const SUSPECT_RETURN_THRESHOLD = 0.4;

const COLUMNS = ["date", "symbol", "open", "high", "low", "close", "volume"] as const;
const PRICE_COLUMNS = ["open", "high", "low", "close"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PRICE = /^\d+(\.\d+)?$/;
const VOLUME = /^\d+$/;

/**
 * Parses the daily-bar CSV (date,symbol,open,high,low,close,volume in any column order). Pure. Bars come
 * back sorted by symbol then date whatever the row order; returns are computed close to close on that
 * order. A header without the required columns throws: that is the wrong file, not dirty data.
 */
export function parseDailyBars(csv: string): { bars: DailyBar[]; issues: DataIssue[] } {
  const lines = csv.split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((name) => name.trim().toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((column) => [column, header.indexOf(column)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const missingColumns = COLUMNS.filter((column) => index[column] < 0);
  if (missingColumns.length > 0) {
    throw new Error(
      `daily bars CSV: header lacks column(s) ${missingColumns.join(", ")} (got "${lines[0] ?? ""}")`,
    );
  }

  const issues: DataIssue[] = [];
  const parsed: ParsedBar[] = [];
  const seen = new Set<string>();
  for (let lineIndex = 1; lineIndex < lines.length; lineIndex++) {
    const row = lines[lineIndex] ?? "";
    if (row.trim() === "") continue;
    const fields = row.split(",");
    const field = (column: (typeof COLUMNS)[number]): string => (fields[index[column]] ?? "").trim();
    const date = field("date");
    const symbol = field("symbol");
    const issue = (kind: DataIssueKind, message: string): void => {
      issues.push({ kind, line: lineIndex + 1, symbol, date, message, row });
    };

    if (fields.length !== header.length || !DATE.test(date) || symbol === "") {
      issue("malformed_row", `expected ${header.length} fields with a YYYY-MM-DD date and a symbol`);
      continue;
    }
    const emptyPrices = PRICE_COLUMNS.filter((column) => field(column) === "");
    if (emptyPrices.length > 0) {
      issue("missing_price", `empty ${emptyPrices.join(", ")}`);
      continue;
    }
    if (field("volume") === "") {
      issue("missing_volume", "empty volume");
      continue;
    }
    const badNumbers: string[] = PRICE_COLUMNS.filter(
      (column) => !PRICE.test(field(column)) || !/[1-9]/.test(field(column)),
    );
    if (!VOLUME.test(field("volume"))) badNumbers.push("volume");
    if (badNumbers.length > 0) {
      issue("malformed_row", `not a positive number: ${badNumbers.join(", ")}`);
      continue;
    }
    const [open, high, low, close] = PRICE_COLUMNS.map((column) => toDecimal(field(column))) as [
      Decimal,
      Decimal,
      Decimal,
      Decimal,
    ];
    if (low.gt(high) || low.gt(open) || low.gt(close) || high.lt(open) || high.lt(close)) {
      issue("inconsistent_range", `open ${open} / close ${close} outside low ${low} .. high ${high}`);
      continue;
    }
    const key = `${symbol}\u0000${date}`;
    if (seen.has(key)) {
      issue("duplicate_row", `second bar for ${symbol} on ${date}; the first is kept`);
      continue;
    }
    seen.add(key);
    parsed.push({
      bar: { date, symbol, open, high, low, close, volume: Number(field("volume")) },
      line: lineIndex + 1,
      row,
    });
  }

  parsed.sort(({ bar: x }, { bar: y }) =>
    x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : x.date < y.date ? -1 : x.date > y.date ? 1 : 0,
  );
  issues.push(...suspectReturns(parsed));
  issues.sort((x, y) => x.line - y.line);
  return { bars: parsed.map(({ bar }) => bar), issues };
}

interface ParsedBar {
  bar: DailyBar;
  line: number;
  row: string;
}

/** Close-to-close moves beyond the threshold, between consecutive clean bars of one symbol. */
function suspectReturns(parsed: readonly ParsedBar[]): DataIssue[] {
  const issues: DataIssue[] = [];
  for (let i = 1; i < parsed.length; i++) {
    const previous = parsed[i - 1]?.bar;
    const current = parsed[i];
    if (previous === undefined || current === undefined || previous.symbol !== current.bar.symbol) continue;
    const { bar, line, row } = current;
    const dailyReturn = bar.close.div(previous.close).minus(1);
    if (dailyReturn.abs().gt(SUSPECT_RETURN_THRESHOLD)) {
      issues.push({
        kind: "suspect_return",
        line,
        symbol: bar.symbol,
        date: bar.date,
        message: `close ${bar.close} vs ${previous.close} on ${previous.date}: ${dailyReturn.times(100).toFixed(1)} % in one day (spin-off or glitch?)`,
        row,
      });
    }
  }
  return issues;
}
