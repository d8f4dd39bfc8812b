/**
 * Keeping positions from trades.executed: both sides of every trade (the buyer's and the seller's) are
 * applied to their owner's position in the symbol, each side exactly once however often the trade is
 * delivered (Kafka redelivers after a crash, `nexus replay` replays), because the claim of the side
 * (`applied_trades`) and the position change commit in one transaction. The users whose positions
 * changed are announced on POSITIONS_CHANNEL as it commits (their open screens update at once).
 */
import type { TradeExecutedEvent } from "@nexus/core/events";
import { toDecimal } from "@nexus/core/money";
import type { Database } from "@nexus/db/client";
import {
  claimTradeSides,
  lockPositions,
  notifyPositionsChanged,
  savePositions,
} from "@nexus/db/queries/portfolio";
import type { PositionState } from "@nexus/db/queries/portfolio";
import { FLAT, applyFill } from "./position-math";
import type { Holding } from "./position-math";

export interface AppliedTrades {
  /** Sides applied now (a side seen before is skipped). */
  applied: number;
  /** Sides skipped as already applied. */
  duplicates: number;
  /** Users whose positions changed: their cached risk is stale. */
  changedUsers: Set<string>;
}

/**
 * Applies a batch of trades in one transaction, in the order given (per symbol, the order of the
 * partition), in three statements whatever its size: claim every side, lock the positions the claimed
 * sides touch, write the changed positions (and the announcement). Throws (and changes nothing) when the
 * database refuses; the caller retries the batch.
 */
export function applyExecutedTrades(
  db: Database,
  trades: readonly TradeExecutedEvent[],
): Promise<AppliedTrades> {
  return db.transaction(async (tx) => {
    const sides = trades.flatMap((trade) =>
      (
        [
          ["buy", trade.buy_user_id],
          ["sell", trade.sell_user_id],
        ] as const
      ).map(([side, userId]) => ({ trade, side, userId })),
    );
    const claimed = new Set(
      (
        await claimTradeSides(
          tx,
          sides.map(({ trade, side, userId }) => ({ tradeId: trade.trade_id, userId, side })),
        )
      ).map((row) => sideKey(row.tradeId, row.userId, row.side)),
    );
    // Each claimed side once, in the batch's order (a trade delivered twice in one batch is claimed once).
    const applying = sides.filter(({ trade, side, userId }) =>
      claimed.delete(sideKey(trade.trade_id, userId, side)),
    );
    const pairs = applying.map(({ trade, userId }) => ({ userId, symbol: trade.symbol }));
    const held = new Map<string, Holding>(
      (await lockPositions(tx, pairs)).map((row) => [pairKey(row.userId, row.symbol), row]),
    );
    const written = new Map<string, PositionState & { lastTradeId: string }>();
    for (const { trade, side, userId } of applying) {
      const key = pairKey(userId, trade.symbol);
      const next = applyFill(written.get(key) ?? held.get(key) ?? FLAT, {
        side,
        quantity: toDecimal(trade.quantity),
        price: toDecimal(trade.price),
      });
      written.set(key, { userId, symbol: trade.symbol, ...next, lastTradeId: trade.trade_id });
    }
    // Written in key order, as they were locked: two batches creating the same new positions wait on
    // each other's inserts in one order and cannot deadlock.
    await savePositions(
      tx,
      [...written.keys()].sort().flatMap((key) => written.get(key) ?? []),
    );
    const changedUsers = new Set(applying.map(({ userId }) => userId));
    await notifyPositionsChanged(tx, changedUsers);
    return { applied: applying.length, duplicates: sides.length - applying.length, changedUsers };
  });
}

const sideKey = (tradeId: string, userId: string, side: string): string => `${tradeId}|${userId}|${side}`;
const pairKey = (userId: string, symbol: string): string => `${userId}|${symbol}`;
