import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parseDailyBars } from "./bars.js";
import type { DailyBar, DataIssue } from "./bars.js";

/** The files of ../data (see its PROVENANCE.md). */
const dataFile = (name: string): string => fileURLToPath(new URL(`../data/${name}`, import.meta.url));

/** The shipped sample of real daily bars (36 symbols, 2012-08 .. 2017-08), parsed with its data issues. */
export function loadSampleBars(): { bars: DailyBar[]; issues: DataIssue[] } {
  return parseDailyBars(gunzipSync(readFileSync(dataFile("daily-bars-sample.csv.gz"))).toString("utf8"));
}

export interface SectorInfo {
  symbol: string;
  name: string;
  sector: string;
  subIndustry: string;
}

/** Rows of the shipped sectors.csv; a symbol without a row has sector "Unknown" (source README). */
export function loadSampleSectors(): SectorInfo[] {
  const [, ...rows] = readFileSync(dataFile("sectors.csv"), "utf8").trim().split(/\r?\n/);
  return rows.map((row) => {
    const [symbol = "", name = "", sector = "", subIndustry = ""] = splitCsvRow(row);
    return { symbol, name, sector, subIndustry };
  });
}

/** RFC 4180 fields of one row: quoted fields may hold commas and "" escapes. */
function splitCsvRow(row: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const char = row[i];
    if (quoted) {
      if (char === '"' && row[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(current);
      current = "";
    } else current += char;
  }
  fields.push(current);
  return fields;
}
