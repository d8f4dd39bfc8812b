/**
 * Market data as reference data (a regulator may ask which prices a risk figure stood on): an import is
 * one transaction with its audit row, and so is a reviewer's confirmation that a suspected move is real.
 * Both drop, in the same transaction, the cached market data and correlations built on the bars they
 * change (invalidateMarketCaches), so no reader sees new bars beside an old matrix.
 */
import { SUSPECT_RETURN_THRESHOLD } from "@nexus/core/analytics";
import type { Database } from "@nexus/db/client";
import { invalidateMarketCaches } from "@nexus/db/queries/analytics-cache";
import { withAudit } from "@nexus/db/queries/audit";
import {
  confirmMarketBarFlag,
  flagSuspectMoves,
  upsertMarketBars,
  upsertSecurities,
} from "@nexus/db/queries/market";
import type { MarketBarFlag, MarketBarRow, SecurityRow } from "@nexus/db/queries/market";
import type { Actor } from "../context";
import { PortfolioError } from "./errors";

/** Who imports: a person or operator, or the worker itself loading the shipped data on first start. */
export type ImportActor = Actor | { actorType: "system"; actorId: null; ip: null };

export interface MarketDataImport {
  /** What was imported (a file name), as the audit row names it. */
  source: string;
  bars: readonly MarketBarRow[];
  securities?: readonly SecurityRow[];
  /** Told the bars written so far (drives a progress bar). */
  onProgress?: (barsWritten: number) => void;
}

export interface MarketDataImported {
  bars: number;
  securities: number;
  symbols: number;
  /** Moves beyond +/-40 % newly flagged: excluded from risk until confirmed. */
  flagged: MarketBarFlag[];
}

/** Writes bars (and reference data), flags suspect moves, and records the import: all or nothing. */
export function importMarketData(
  context: { db: Database; actor: ImportActor },
  input: MarketDataImport,
): Promise<MarketDataImported> {
  const symbols = [...new Set(input.bars.map((bar) => bar.symbol))].sort();
  return withAudit(
    context.db,
    async (tx) => {
      const securities = await upsertSecurities(tx, input.securities ?? []);
      const bars = await upsertMarketBars(tx, input.bars, input.onProgress);
      const flagged = await flagSuspectMoves(tx, symbols, SUSPECT_RETURN_THRESHOLD);
      await invalidateMarketCaches(tx, symbols);
      return { bars, securities, symbols: symbols.length, flagged };
    },
    (result) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "market_data.import",
      entityType: "market_bars",
      entityId: input.source,
      details: {
        bars: result.bars,
        securities: result.securities,
        symbols: result.symbols,
        flagged: result.flagged.map((flag) => `${flag.symbol} ${flag.date} ${flag.dailyReturn.toFixed()}`),
      },
      ip: context.actor.ip,
    }),
  );
}

/**
 * A reviewer confirms that a flagged move is real (a split or spin-off already adjusted for, a genuine
 * crash): the bar counts in risk from now on. Refused with `unknown_flag` when no such move is waiting.
 */
export async function confirmSuspectMove(
  context: { db: Database; actor: Actor; now: Date },
  input: { symbol: string; date: string; note: string },
): Promise<MarketBarFlag> {
  return withAudit(
    context.db,
    async (tx) => {
      const flag = await confirmMarketBarFlag(tx, {
        ...input,
        confirmedBy: `${context.actor.actorType}:${context.actor.actorId}`,
        confirmedAt: context.now,
      });
      if (!flag) {
        throw new PortfolioError(
          "unknown_flag",
          `No suspected move of ${input.symbol} on ${input.date} is waiting for review.`,
        );
      }
      await invalidateMarketCaches(tx, [flag.symbol]);
      return flag;
    },
    (flag) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "market_data.confirm_move",
      entityType: "market_bar_flag",
      entityId: `${flag.symbol}@${flag.date}`,
      details: {
        previousClose: flag.previousClose.toFixed(),
        close: flag.close.toFixed(),
        dailyReturn: flag.dailyReturn.toFixed(),
        note: input.note,
      },
      ip: context.actor.ip,
    }),
  );
}
