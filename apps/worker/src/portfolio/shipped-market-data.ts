/**
 * The embedded default and a fresh deployment have risk figures from the first sign-in: on the worker's
 * first start the shipped data set (packages/sim/data, 110 symbols, 2012-08 .. 2017-08, with its sectors)
 * is imported through the same use case as `nexus import-bars`, a few symbols per transaction. Each
 * transaction holds whole series (so every jump is judged against its neighbours) and leaves the database
 * to the live flow between them: the embedded database (PGlite) serves one transaction at a time, and a
 * single import of 138,000 bars held the ingest back for its whole length, the first alerts with it
 * (issue 15: live alerts within a minute of `npm start`). Symbols already stored are skipped, so a start
 * interrupted mid-way finishes the import at the next; once every symbol is there a start costs one read.
 */
import { on } from "node:events";
import type { Database } from "@nexus/db/client";
import { marketBarSymbols } from "@nexus/db/queries/market";
import type { Logger } from "@nexus/platform/logger";
import { importMarketData } from "@nexus/services/portfolio";
import { startTypeScriptThread } from "@nexus/services/typescript-thread";
import { loadSectors } from "@nexus/sim";
import { fromMarketBarText } from "./bar-rows.js";
import type { MarketBarText } from "./bar-rows.js";

export const SHIPPED_BARS_SOURCE = "packages/sim/data/daily-bars.csv.gz";

/** Symbols per import transaction: some 12,500 bars, a fraction of a second of the database each. */
const SYMBOLS_PER_IMPORT = 10;

/**
 * Imports the shipped bars of the symbols not stored yet; returns the bars written (0 when all are there).
 * The `first` symbols (the demo traders' books) are parsed and imported before the others, so their
 * risk figures are there seconds into a first start rather than after the whole import.
 */
export async function loadShippedMarketDataOnce(
  db: Database,
  logger: Logger,
  first: readonly string[] = [],
): Promise<number> {
  const stored = await marketBarSymbols(db);
  const securities = loadSectors();
  // Every shipped symbol there (sectors.csv names each): no need to parse 138,000 rows to learn it.
  if (securities.every(({ symbol }) => stored.has(symbol))) return 0;
  const started = performance.now();
  let bars = 0;
  let flagged = 0;
  let symbolCount = 0;
  for await (const part of parsedInThread(stored, first)) {
    const bySymbol = new Map<string, MarketBarText[]>();
    for (const bar of part) {
      const series = bySymbol.get(bar.symbol) ?? [];
      bySymbol.set(bar.symbol, series);
      series.push(bar);
    }
    const symbols = [...bySymbol.keys()].sort();
    for (let start = 0; start < symbols.length; start += SYMBOLS_PER_IMPORT) {
      const group = symbols.slice(start, start + SYMBOLS_PER_IMPORT);
      const imported = await importMarketData(
        { db, actor: { actorType: "system", actorId: null, ip: null } },
        {
          source: SHIPPED_BARS_SOURCE,
          bars: group.flatMap((symbol) => bySymbol.get(symbol) ?? []).map(fromMarketBarText),
          // The reference data of every shipped security, with the first group.
          securities:
            symbolCount > 0
              ? []
              : securities.map(({ symbol, name, sector, subIndustry }) => ({
                  symbol,
                  name,
                  sector,
                  subIndustry,
                })),
        },
      );
      symbolCount += group.length;
      bars += imported.bars;
      flagged += imported.flagged.length;
    }
  }
  if (symbolCount === 0) return 0;
  logger.info(
    { bars, symbols: symbolCount, flagged, ms: Math.round(performance.now() - started) },
    "shipped market data loaded",
  );
  return bars;
}

/**
 * The shipped bars of the symbols not in `stored`, parsed in a thread of their own (shipped-bars-thread.ts):
 * the `first` symbols' as soon as they are parsed, then the others'.
 */
async function* parsedInThread(
  stored: ReadonlySet<string>,
  first: readonly string[],
): AsyncGenerator<MarketBarText[]> {
  const thread = startTypeScriptThread(new URL("./shipped-bars-thread.ts", import.meta.url), {
    stored: [...stored],
    first: [...first],
  });
  thread.ref();
  try {
    // Node's own queue of the thread's messages: an `error` event throws, `exit` ends the iteration.
    for await (const [part] of on(thread, "message", { close: ["exit"] })) {
      const { bars, last } = part as { bars: MarketBarText[]; last: boolean };
      yield bars;
      if (last) return;
    }
    throw new Error("the shipped bars' parser stopped before its last part");
  } finally {
    await thread.terminate();
  }
}
