/**
 * Regenerates the market data the product ships, packages/sim/data/daily-bars.csv.gz and sectors.csv,
 * from the Kaggle S&P 500 stock data set (individual_stocks_5yr): its daily bars as one CSV with columns
 * date,symbol,open,high,low,close,volume (gzipped or not), and a sectors CSV with columns
 * symbol,name,gics_sector,gics_sub_industry. The same inputs give byte-identical files.
 *
 *   npx tsx scripts/build-market-data.ts DAILY_BARS.csv[.gz] SECTORS.csv
 *
 * The symbols are chosen by scripts/market-data/select-symbols.ts (the rule is in the data's
 * PROVENANCE.md); their rows are copied unchanged, in the source's order, dirty rows included (the
 * loader's tests and reports need them). Prints the symbols by sector and the data issues of the result,
 * the figures PROVENANCE.md quotes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import type { InfoRecord } from "csv-parse/sync";
import { SAMPLE_SYMBOLS, parseDailyBars } from "@nexus/sim";
import { selectSymbols } from "./market-data/select-symbols.js";

const RULE = { firstDate: "2012-08-13", lastDate: "2017-08-11", perSector: 10, keep: SAMPLE_SYMBOLS };
const dataDir = new URL("../packages/sim/data/", import.meta.url);

const [barsPath, sectorsPath] = process.argv.slice(2);
if (barsPath === undefined || sectorsPath === undefined) {
  console.error("usage: npx tsx scripts/build-market-data.ts DAILY_BARS.csv[.gz] SECTORS.csv");
  process.exit(2);
}

/** The file's header and its records, each as its fields and its text exactly as in the file. */
function readRecords(text: string): { header: string; rows: { fields: string[]; text: string }[] } {
  const records: { fields: string[]; text: string }[] = [];
  parse(text, {
    bom: true,
    skip_empty_lines: true,
    raw: true,
    on_record: (value: unknown, context: InfoRecord) => {
      // With `raw: true` csv-parse hands over { record, raw }; raw still holds the line break.
      const { record } = value as { record: string[] };
      records.push({ fields: record, text: (context.raw ?? "").replace(/^[\r\n]+|[\r\n]+$/g, "") });
      return null;
    },
  });
  const [header, ...rows] = records;
  if (header === undefined) throw new Error("empty CSV");
  return { header: header.text, rows };
}

function column(header: string, name: string): number {
  const index = header.toLowerCase().split(",").indexOf(name);
  if (index < 0) throw new Error(`no "${name}" column in "${header}"`);
  return index;
}

const barsBuffer = readFileSync(barsPath);
const barsText = (barsPath.endsWith(".gz") ? gunzipSync(barsBuffer) : barsBuffer).toString("utf8");
const sectorsText = readFileSync(sectorsPath, "utf8");

const sectors = readRecords(sectorsText);
const sectorSymbol = column(sectors.header, "symbol");
const sectorName = column(sectors.header, "gics_sector");
const sectorOf = new Map(
  sectors.rows.map(({ fields }) => [fields[sectorSymbol] ?? "", fields[sectorName] ?? ""]),
);

const chosen = new Set(selectSymbols(parseDailyBars(barsText).bars, sectorOf, RULE));

const source = readRecords(barsText);
const barSymbol = column(source.header, "symbol");
const rows = source.rows.filter(({ fields }) => chosen.has(fields[barSymbol] ?? "")).map(({ text }) => text);
const shippedBars = [source.header, ...rows, ""].join("\n");
// No file name or time in the gzip header (Node writes none): the output depends on the input alone.
writeFileSync(new URL("daily-bars.csv.gz", dataDir), gzipSync(shippedBars, { level: 9 }));
const sectorRows = sectors.rows.filter(({ fields }) => chosen.has(fields[sectorSymbol] ?? ""));
writeFileSync(
  new URL("sectors.csv", dataDir),
  [sectors.header, ...sectorRows.map(({ text }) => text), ""].join("\n"),
);

const bySector = new Map<string, string[]>();
for (const symbol of chosen) {
  const sector = sectorOf.get(symbol) ?? "";
  bySector.set(sector, [...(bySector.get(sector) ?? []), symbol]);
}
console.log(`${chosen.size} symbols, ${rows.length} rows -> ${fileURLToPath(dataDir)}`);
for (const [sector, symbols] of [...bySector].sort(([x], [y]) => (x < y ? -1 : 1)))
  console.log(`${sector} (${symbols.length}): ${symbols.join(" ")}`);
const issueCounts = new Map<string, { rows: number; symbols: Set<string> }>();
for (const { kind, symbol } of parseDailyBars(shippedBars).issues) {
  const entry = issueCounts.get(kind) ?? { rows: 0, symbols: new Set<string>() };
  entry.rows += 1;
  entry.symbols.add(symbol);
  issueCounts.set(kind, entry);
}
for (const [kind, { rows: count, symbols }] of issueCounts)
  console.log(`${kind}: ${count} rows (${[...symbols].sort().join(" ")})`);
