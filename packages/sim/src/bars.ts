import { toDecimal } from "@nexus/core/money";
import type { Decimal } from "@nexus/core/money";
import { parse } from "csv-parse/sync";
import type { CsvError, InfoRecord } from "csv-parse/sync";

/**
 * One daily bar as the source gives it. The close is always there: it is what returns, VaR and the
 * simulator's weights are made of, so a row with a valid close is never dropped. Any other value may be
 * missing or wrong in real data; it is then reported in the issues and left out here.
 */
export interface DailyBar {
  date: string;
  symbol: string;
  close: Decimal;
  /** undefined when the source's field is empty or not a positive number (reported). */
  open: Decimal | undefined;
  high: Decimal | undefined;
  low: Decimal | undefined;
  /** Shares traded; NaN when the source has none: missing, never zero (the analytics read NaN so). */
  volume: number;
}

/** A bar with every value present and its open and close inside [low, high]: one the simulator can replay. */
export interface CompleteBar extends DailyBar {
  open: Decimal;
  high: Decimal;
  low: Decimal;
}

/**
 * What a row of the file can have wrong. Only a row that is unreadable (`malformed_row`), has no valid
 * close (`invalid_close`) or repeats a symbol and date (`duplicate_row`) is left out of `bars`; every other
 * kind flags a bar that is kept, with the faulty value left out (or, for `volume_format`, read as meant).
 */
export type DataIssueKind =
  | "malformed_row"
  | "invalid_close"
  | "duplicate_row"
  | "missing_price"
  | "invalid_price"
  | "missing_volume"
  | "volume_format"
  | "invalid_volume"
  | "inconsistent_range"
  | "suspect_return";

/** A row that needs a human look (the raw row is kept here, so nothing is lost). */
export interface DataIssue {
  kind: DataIssueKind;
  /** 1-based line number in the CSV (the header is line 1). */
  line: number;
  symbol: string;
  date: string;
  message: string;
  row: string;
}

/** The data's PROVENANCE.md: one-day moves beyond 40 % are spin-offs or vendor glitches. */
export const SUSPECT_RETURN_THRESHOLD = 0.4;

const COLUMNS = ["date", "symbol", "open", "high", "low", "close", "volume"] as const;
type Column = (typeof COLUMNS)[number];
const OPTIONAL_PRICES = ["open", "high", "low"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PRICE = /^\d+(\.\d+)?$/;
const WHOLE_NUMBER = /^\d+$/;
/** "3826676.0": a whole number of shares written with a zero fraction (a float-typed export). */
const WHOLE_NUMBER_WITH_ZERO_FRACTION = /^(\d+)\.0+$/;

const isPositivePrice = (text: string): boolean => PRICE.test(text) && /[1-9]/.test(text);

/**
 * Parses the daily-bar CSV (date,symbol,open,high,low,close,volume in any column order) with csv-parse.
 * Pure. Bars come back sorted by symbol then date whatever the row order; returns are computed close to
 * close on that order. A header without the required columns throws: that is the wrong file, not dirty data.
 * With `symbols`, the rows of other symbols are passed over unread (and unreported); a row too broken to
 * tell its symbol is still reported.
 */
export function parseDailyBars(
  csv: string,
  options: { symbols?: ReadonlySet<string> } = {},
): { bars: DailyBar[]; issues: DataIssue[] } {
  const { symbols } = options;
  const issues: DataIssue[] = [];
  const parsed: ParsedBar[] = [];
  const seen = new Set<string>();
  let header: string[] | undefined;
  let layout: Layout | undefined;

  const readRow = (fields: string[], line: number, row: string, { columns, width }: Layout): void => {
    const field = (column: Column): string => fields[columns[column]] ?? "";
    const date = field("date");
    const symbol = field("symbol");
    const issue = (kind: DataIssueKind, message: string): void => {
      issues.push({ kind, line, symbol, date, message, row });
    };

    if (fields.length !== width || !DATE.test(date) || symbol === "") {
      issue("malformed_row", `expected ${width} fields with a YYYY-MM-DD date and a symbol`);
      return;
    }
    if (symbols !== undefined && !symbols.has(symbol)) return;
    const closeText = field("close");
    if (!isPositivePrice(closeText)) {
      issue(
        "invalid_close",
        closeText === "" ? "empty close" : `close "${closeText}" is not a positive number`,
      );
      return;
    }
    const key = `${symbol}\u0000${date}`;
    if (seen.has(key)) {
      issue("duplicate_row", `second bar for ${symbol} on ${date}; the first is kept`);
      return;
    }
    seen.add(key);

    const empty = OPTIONAL_PRICES.filter((column) => field(column) === "");
    if (empty.length > 0) issue("missing_price", `empty ${empty.join(", ")}`);
    const invalid = OPTIONAL_PRICES.filter(
      (column) => field(column) !== "" && !isPositivePrice(field(column)),
    );
    if (invalid.length > 0) {
      const values = invalid.map((column) => `${column} "${field(column)}"`);
      issue("invalid_price", `not a positive number: ${values.join(", ")}`);
    }
    const price = (column: Column): Decimal | undefined =>
      isPositivePrice(field(column)) ? toDecimal(field(column)) : undefined;
    const bar: DailyBar = {
      date,
      symbol,
      open: price("open"),
      high: price("high"),
      low: price("low"),
      close: toDecimal(closeText),
      volume: readVolume(field("volume"), issue),
    };
    const rangeProblem = rangeProblemOf(bar);
    if (rangeProblem !== undefined) issue("inconsistent_range", rangeProblem);
    parsed.push({ bar, line, row });
  };

  parse(csv, {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    raw: true,
    // A record csv-parse cannot read (an unclosed quote) is reported like any other bad row.
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const row = (raw ?? "").trim();
      const line = Number(error?.lines ?? 0) - newlinesIn(row);
      const message = error?.message ?? "unreadable CSV record";
      issues.push({ kind: "malformed_row", line, symbol: "", date: "", message, row });
      return undefined;
    },
    // Rows are handled as they are read and none is kept by csv-parse (null), so a big file is not
    // held twice. An exception thrown here would be swallowed by csv-parse: a bad header is thrown after.
    on_record: (value: unknown, context: InfoRecord) => {
      // With `raw: true` csv-parse hands over { record, raw }.
      const { record: fields } = value as { record: string[] };
      if (header === undefined) {
        const names = fields.map((name) => name.toLowerCase());
        header = names;
        if (COLUMNS.every((column) => names.includes(column))) {
          const columns = Object.fromEntries(COLUMNS.map((column) => [column, names.indexOf(column)]));
          layout = { columns: columns as Record<Column, number>, width: names.length };
        }
        return null;
      }
      if (layout === undefined) return null;
      const row = (context.raw ?? "").trim();
      // csv-parse counts the line a record ends on; a quoted field may span lines: the first is reported.
      readRow(fields, context.lines - newlinesIn(row), row, layout);
      return null;
    },
  });
  if (header !== undefined && layout === undefined) {
    const columns = header;
    const missing = COLUMNS.filter((column) => !columns.includes(column));
    throw new Error(
      `daily bars CSV: header lacks column(s) ${missing.join(", ")} (got "${columns.join(",")}")`,
    );
  }
  if (header === undefined) throw new Error(`daily bars CSV: no header (expected ${COLUMNS.join(",")})`);

  parsed.sort(({ bar: x }, { bar: y }) =>
    x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : x.date < y.date ? -1 : x.date > y.date ? 1 : 0,
  );
  issues.push(...suspectReturns(parsed));
  issues.sort((x, y) => x.line - y.line);
  return { bars: parsed.map(({ bar }) => bar), issues };
}

/** Every value present and the range consistent (see CompleteBar). */
export function isCompleteBar(bar: DailyBar): bar is CompleteBar {
  return (
    bar.open !== undefined &&
    bar.high !== undefined &&
    bar.low !== undefined &&
    Number.isFinite(bar.volume) &&
    rangeProblemOf(bar) === undefined
  );
}

/** Where each column sits in a row, and how many fields a row has (the header's). */
interface Layout {
  columns: Record<Column, number>;
  width: number;
}

interface ParsedBar {
  bar: DailyBar;
  line: number;
  row: string;
}

const newlinesIn = (text: string): number => text.split("\n").length - 1;

/** A whole number of shares; "3826676.0" is read as 3826676 and flagged, anything else is missing (NaN). */
function readVolume(text: string, issue: (kind: DataIssueKind, message: string) => void): number {
  if (text === "") {
    issue("missing_volume", "empty volume");
    return Number.NaN;
  }
  if (WHOLE_NUMBER.test(text)) return Number(text);
  const whole = WHOLE_NUMBER_WITH_ZERO_FRACTION.exec(text)?.[1];
  if (whole !== undefined) {
    issue("volume_format", `volume "${text}" written with a fraction, read as ${whole}`);
    return Number(whole);
  }
  issue("invalid_volume", `volume "${text}" is not a whole number of shares`);
  return Number.NaN;
}

/** What is wrong with the bar's range, among the values it has: low above high, open or close outside. */
function rangeProblemOf({ open, high, low, close }: DailyBar): string | undefined {
  const problems: string[] = [];
  if (low !== undefined && high !== undefined && low.gt(high)) problems.push(`low ${low} above high ${high}`);
  for (const [name, value] of [
    ["open", open],
    ["close", close],
  ] as const) {
    if (value === undefined) continue;
    if (high !== undefined && value.gt(high)) problems.push(`${name} ${value} above high ${high}`);
    if (low !== undefined && value.lt(low)) problems.push(`${name} ${value} below low ${low}`);
  }
  return problems.length === 0 ? undefined : problems.join(", ");
}

/** Close-to-close moves beyond the threshold, between consecutive bars of one symbol. */
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
