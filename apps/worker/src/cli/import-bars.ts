/**
 * `nexus import-bars FILE.csv[.gz]`: daily bars (date,symbol,open,high,low,close,volume) into
 * `market_bars`, in one transaction with its audit row. Rows that cannot be stored (unreadable, no
 * valid close, a second bar for a symbol and date) are rejected and reported by line; rows with missing
 * or bad fields are stored without those values and reported by line too; one-day moves beyond +/-40 %
 * are flagged (excluded from risk until a reviewer confirms them) and listed.
 */
import { access, readFile, stat } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { Database, DbHandle } from "@nexus/db/client";
import type { Actor } from "@nexus/services/context";
import { importMarketData } from "@nexus/services/portfolio";
import type { MarketDataImported } from "@nexus/services/portfolio";
import { parseDailyBars } from "@nexus/sim";
import type { DataIssue, DataIssueKind } from "@nexus/sim";
import { toMarketBarRow } from "../portfolio/bar-rows.js";
import type { OutputStream } from "./progress.js";
import { startProgress } from "./progress.js";
import { UsageError } from "./usage-error.js";

export const IMPORT_BARS_USAGE = `  nexus import-bars FILE.csv[.gz]
      Import daily bars (date,symbol,open,high,low,close,volume; gzip when the file is) into the
      database in one transaction. Rows without a valid close, unreadable rows and repeated symbol/date
      rows are rejected (FILE:LINE: reason); rows with missing fields are stored without them and
      reported; one-day moves beyond +/-40 % are flagged and left out of risk until confirmed.
      Exit 2 when any row was rejected.`;

/** The parser's kinds that leave a row out of the import; every other kind keeps the row, reported. */
const REJECTED_KINDS: ReadonlySet<DataIssueKind> = new Set([
  "malformed_row",
  "invalid_close",
  "duplicate_row",
]);

export interface ImportBarsSummary {
  rows: number;
  rejected: DataIssue[];
  /** Stored with a value missing or unusable. */
  incomplete: DataIssue[];
  imported: MarketDataImported;
}

/** gzip's magic number (RFC 1952), so a compressed file is read as such whatever its name. */
const isGzip = (bytes: Buffer): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

export async function importBarsFile(options: {
  file: string;
  db: Database;
  actor: Actor;
  onProgress?: (fraction: number) => void;
}): Promise<ImportBarsSummary> {
  const bytes = await readFile(options.file);
  const { bars, issues } = parseDailyBars((isGzip(bytes) ? gunzipSync(bytes) : bytes).toString("utf8"));
  const rejected = issues.filter((issue) => REJECTED_KINDS.has(issue.kind));
  // The database flags the suspect moves itself (across the seam with stored bars too).
  const incomplete = issues.filter(
    (issue) => !REJECTED_KINDS.has(issue.kind) && issue.kind !== "suspect_return",
  );
  const imported = await importMarketData(
    { db: options.db, actor: options.actor },
    {
      source: options.file,
      bars: bars.map(toMarketBarRow),
      onProgress: (written) => options.onProgress?.(written / Math.max(1, bars.length)),
    },
  );
  return { rows: bars.length + rejected.length, rejected, incomplete, imported };
}

/** At most this many reported rows are listed per kind of report; the counts are always exact. */
const MAX_LISTED = 200;

function listIssues(write: (line: string) => void, file: string, issues: readonly DataIssue[], what: string) {
  for (const issue of issues.slice(0, MAX_LISTED))
    write(`${file}:${issue.line}: ${what}: ${issue.message}\n`);
  if (issues.length > MAX_LISTED) write(`... and ${issues.length - MAX_LISTED} more ${what}\n`);
}

/** Runs `nexus import-bars ARGS`; the exit status as run-cli.ts documents it. */
export async function runImportBarsCommand(
  args: readonly string[],
  io: {
    openDatabase: () => Promise<DbHandle>;
    stdout: OutputStream;
    stderr: OutputStream;
    operator: string;
  },
): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0 || file.startsWith("-")) {
    throw new UsageError("import-bars takes exactly one FILE.csv or FILE.csv.gz");
  }
  await access(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const database = await io.openDatabase();
  // The bar is the share of the file's bars written, drawn over its size (progress.ts counts bytes).
  const size = (await stat(file)).size;
  const progress = startProgress("import-bars", size, io.stderr);
  try {
    const summary = await importBarsFile({
      file,
      db: database.db,
      actor: { actorType: "cli", actorId: io.operator, ip: null },
      onProgress: (fraction) => progress.update(Math.round(fraction * size)),
    });
    progress.stop();
    const write = (line: string) => io.stderr.write(line);
    listIssues(write, file, summary.rejected, "rejected");
    listIssues(write, file, summary.incomplete, "stored without");
    for (const flag of summary.imported.flagged) {
      io.stdout.write(
        `flagged ${flag.symbol} ${flag.date}: close ${flag.close.toFixed()} after ${flag.previousClose.toFixed()} on ${flag.previousDate} (${flag.dailyReturn.times(100).toFixed(1)} %), excluded from risk until confirmed\n`,
      );
    }
    io.stdout.write(
      `imported ${file}: ${summary.rows} rows, ${summary.imported.bars} bars of ${summary.imported.symbols} symbols stored, ${summary.rejected.length} rejected, ${summary.incomplete.length} stored with missing fields, ${summary.imported.flagged.length} moves flagged\n`,
    );
    return summary.rejected.length > 0 ? 2 : 0;
  } finally {
    progress.stop();
    await database.close();
  }
}
