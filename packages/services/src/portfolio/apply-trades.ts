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
  claimTradeSide,
  lockPosition,
  notifyPositionsChanged,
  savePosition,
} from "@nexus/db/queries/portfolio";
import { FLAT, applyFill } from "./position-math";

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
 * partition). Throws (and changes nothing) when the database refuses; the caller retries the batch.
 */
export function applyExecutedTrades(
  db: Database,
  trades: readonly TradeExecutedEvent[],
): Promise<AppliedTrades> {
  return db.transaction(async (tx) => {
    const result: AppliedTrades = { applied: 0, duplicates: 0, changedUsers: new Set() };
    for (const trade of trades) {
      const quantity = toDecimal(trade.quantity);
      const price = toDecimal(trade.price);
      for (const [side, userId] of [
        ["buy", trade.buy_user_id],
        ["sell", trade.sell_user_id],
      ] as const) {
        if (!(await claimTradeSide(tx, { tradeId: trade.trade_id, userId, side }))) {
          result.duplicates += 1;
          continue;
        }
        const current = (await lockPosition(tx, userId, trade.symbol)) ?? FLAT;
        const next = applyFill(current, { side, quantity, price });
        await savePosition(tx, { userId, symbol: trade.symbol, ...next, lastTradeId: trade.trade_id });
        result.applied += 1;
        result.changedUsers.add(userId);
      }
    }
    await notifyPositionsChanged(tx, result.changedUsers);
    return result;
  });
}
