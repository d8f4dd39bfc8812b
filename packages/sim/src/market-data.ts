import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { parseDailyBars } from "./bars";
import type { DailyBar, DataIssue } from "./bars";

/** The files of ../data (see its PROVENANCE.md). */
const dataFile = (name: string): string => fileURLToPath(new URL(`../data/${name}`, import.meta.url));

/**
 * The symbols the simulator replays by default: the most traded of each GICS sector, plus EBAY (2015
 * PayPal spin-off gap) and HPQ (2015-10 vendor glitch) for their dirt (PROVENANCE.md). A fixed list, so
 * that more shipped data never changes the simulator's flow, its tests or the surveillance eval.
 */
export const SAMPLE_SYMBOLS: ReadonlySet<string> = new Set([
  ...["AAPL", "MSFT", "INTC", "CSCO", "HPQ"],
  ...["GOOGL", "NFLX", "T", "VZ"],
  ...["AMZN", "HD", "MCD", "F", "EBAY"],
  ...["PG", "WMT", "KO"],
  ...["XOM", "CVX", "SLB"],
  ...["BAC", "JPM", "C", "WFC"],
  ...["PFE", "JNJ", "GILD", "MRK"],
  ...["GE", "BA", "CAT"],
  ...["FCX", "DD"],
  ...["SPG"],
  ...["DUK", "SO"],
]);

/**
 * The symbols of the live demo session (`npm start`): SAMPLE_SYMBOLS and more, five of each GICS sector,
 * so that the session trades a broad market (issue 15 asks for at least 50 symbols). Fixed, like the sample.
 */
export const DEMO_SYMBOLS: ReadonlySet<string> = new Set([
  ...SAMPLE_SYMBOLS,
  ...["GS", "UNH", "DIS"],
  ...["PEP", "COST"],
  ...["COP", "OXY"],
  ...["HON", "UNP"],
  ...["APD", "NEM", "PPG"],
  ...["PLD", "PSA", "EQR", "AVB"],
  ...["NEE", "D", "EXC"],
]);

const shippedBars = (): string => gunzipSync(readFileSync(dataFile("daily-bars.csv.gz"))).toString("utf8");

/**
 * The shipped daily bars (110 liquid symbols, 2012-08 .. 2017-08), parsed with their data issues: every
 * symbol's, or those of `symbols`.
 */
export function loadDailyBars(symbols?: ReadonlySet<string>): { bars: DailyBar[]; issues: DataIssue[] } {
  return parseDailyBars(shippedBars(), symbols === undefined ? {} : { symbols });
}

/** The shipped bars and issues of the SAMPLE_SYMBOLS: what the simulator replays by default. */
export function loadSampleBars(): { bars: DailyBar[]; issues: DataIssue[] } {
  return parseDailyBars(shippedBars(), { symbols: SAMPLE_SYMBOLS });
}

export interface SectorInfo {
  symbol: string;
  name: string;
  sector: string;
  subIndustry: string;
}

/** Rows of the shipped sectors.csv (one for every shipped symbol). */
export function loadSectors(): SectorInfo[] {
  const rows: Record<string, string>[] = parse(readFileSync(dataFile("sectors.csv"), "utf8"), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((row) => ({
    symbol: row.symbol ?? "",
    name: row.name ?? "",
    sector: row.gics_sector ?? "",
    subIndustry: row.gics_sub_industry ?? "",
  }));
}
