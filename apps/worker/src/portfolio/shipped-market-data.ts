/**
 * The embedded default and a fresh deployment have risk figures from the first sign-in: on the worker's
 * first start (no bar stored yet) the shipped data set (packages/sim/data, 110 symbols, 2012-08 .. 2017-08,
 * with its sectors) is imported through the same use case as `nexus import-bars`. Once bars exist it does
 * nothing, so every later start is a single count.
 */
import type { Database } from "@nexus/db/client";
import { countMarketBars } from "@nexus/db/queries/market";
import type { Logger } from "@nexus/platform/logger";
import { importMarketData } from "@nexus/services/portfolio";
import { loadDailyBars, loadSectors } from "@nexus/sim";
import { toMarketBarRow } from "./bar-rows.js";

export const SHIPPED_BARS_SOURCE = "packages/sim/data/daily-bars.csv.gz";

/** Imports the shipped bars unless some are stored; returns the bars written (0 when already there). */
export async function loadShippedMarketDataOnce(db: Database, logger: Logger): Promise<number> {
  if ((await countMarketBars(db)) > 0) return 0;
  const started = performance.now();
  const imported = await importMarketData(
    { db, actor: { actorType: "system", actorId: null, ip: null } },
    {
      source: SHIPPED_BARS_SOURCE,
      bars: loadDailyBars().bars.map(toMarketBarRow),
      securities: loadSectors().map(({ symbol, name, sector, subIndustry }) => ({
        symbol,
        name,
        sector,
        subIndustry,
      })),
    },
  );
  logger.info(
    {
      bars: imported.bars,
      symbols: imported.symbols,
      flagged: imported.flagged.length,
      ms: Math.round(performance.now() - started),
    },
    "shipped market data loaded",
  );
  return imported.bars;
}
