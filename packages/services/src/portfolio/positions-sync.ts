/**
 * Syncing a trader's positions from the Orders service (ORDERS_SERVICE_URL, issue 14): where the firm runs
 * one it is the system of record of what each account holds, so its answer replaces the positions kept
 * from trades. The service is asked before the transaction (no row lock is held across a network call);
 * the replacement then commits in ONE transaction with its audit row (SEC Rule 17a-4 / FINRA 4511: a
 * change to a customer's book is on the record, with its before and after). A symbol the service does
 * not list is closed (quantity 0, realized P&L kept, as a trade that closes it would leave it); each
 * position keeps the last trade applied to it, so replaying the trade stream still skips what it saw.
 */
import { toDecimal } from "@nexus/core/money";
import { withAudit } from "@nexus/db/queries/audit";
import {
  listPositions,
  lockPosition,
  notifyPositionsChanged,
  savePosition,
} from "@nexus/db/queries/portfolio";
import { lockUserById } from "@nexus/db/queries/users";
import type { Cache } from "@nexus/platform/cache";
import { ServiceError } from "@nexus/platform/http";
import type { OrdersClient, ServicePosition } from "@nexus/platform/http/orders";
import type { ChangeContext } from "../context";
import { PortfolioError } from "./errors";
import { FLAT } from "./position-math";
import type { Holding } from "./position-math";
import { invalidatePortfolios } from "./risk-cache";

/** One position the sync changed; `before` is null for a symbol the account did not hold a row of. */
export interface SyncedPosition {
  symbol: string;
  before: Holding | null;
  after: Holding;
}

export interface PositionsSynced {
  userId: string;
  /** The positions replaced, by symbol; empty when the book already matched the service. */
  changed: SyncedPosition[];
}

const sameHolding = (a: Holding, b: Holding): boolean =>
  a.quantity.eq(b.quantity) && a.averageCost.eq(b.averageCost) && a.realizedPnl.eq(b.realizedPnl);

const fromService = (position: ServicePosition): Holding => ({
  quantity: toDecimal(position.quantity),
  averageCost: toDecimal(position.average_cost),
  realizedPnl: toDecimal(position.realized_pnl),
});

const wireHolding = (holding: Holding | null): Record<string, string> | null =>
  holding === null
    ? null
    : {
        quantity: holding.quantity.toFixed(),
        averageCost: holding.averageCost.toFixed(),
        realizedPnl: holding.realizedPnl.toFixed(),
      };

/** The service's answer, or `orders_unavailable` naming it when it cannot be reached or answers nonsense. */
async function askService(
  source: Pick<OrdersClient, "positions">,
  userId: string,
): Promise<ServicePosition[]> {
  try {
    return await source.positions(userId);
  } catch (error) {
    if (error instanceof ServiceError) {
      throw new PortfolioError(
        "orders_unavailable",
        `The Orders service could not give the positions (${error.message}); nothing was changed, try again later.`,
      );
    }
    throw error;
  }
}

/**
 * Replaces `userId`'s positions with the Orders service's. Refused with `unknown_account` when the user
 * is no trader and `orders_unavailable` when the service fails; either way nothing changes. Open screens
 * hear of the change as it commits (POSITIONS_CHANNEL), and the user's cached figures are dropped after.
 */
export async function syncPositionsFromOrders(
  context: ChangeContext,
  source: Pick<OrdersClient, "positions">,
  cache: Cache | undefined,
  userId: string,
): Promise<PositionsSynced> {
  const listed = new Map((await askService(source, userId)).map((position) => [position.symbol, position]));
  const result = await withAudit(
    context.db,
    async (tx): Promise<PositionsSynced> => {
      // Locked, so the account cannot be removed or change role under the sync.
      const user = await lockUserById(tx, userId);
      if (user?.role !== "trader") {
        throw new PortfolioError("unknown_account", `No trader account ${userId}.`, "userId");
      }
      const held = (await listPositions(tx, userId)).map((position) => position.symbol);
      // Symbol order, so two syncs of one account lock its rows in the same order.
      const symbols = [...new Set([...held, ...listed.keys()])].sort();
      const changed: SyncedPosition[] = [];
      for (const symbol of symbols) {
        const row = await lockPosition(tx, userId, symbol);
        const current = row ?? FLAT;
        const service = listed.get(symbol);
        const after =
          service === undefined ? { ...FLAT, realizedPnl: current.realizedPnl } : fromService(service);
        if (sameHolding(current, after)) continue;
        await savePosition(tx, { userId, symbol, ...after, lastTradeId: row?.lastTradeId ?? null });
        const { quantity, averageCost, realizedPnl } = current;
        changed.push({
          symbol,
          before: row === undefined ? null : { quantity, averageCost, realizedPnl },
          after,
        });
      }
      await notifyPositionsChanged(tx, changed.length > 0 ? [userId] : []);
      return { userId, changed };
    },
    ({ changed }) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "positions.sync",
      entityType: "positions",
      entityId: userId,
      details: {
        source: "orders",
        changed: changed.map(({ symbol, before, after }) => ({
          symbol,
          before: wireHolding(before),
          after: wireHolding(after),
        })),
      },
      ip: context.actor.ip,
    }),
  );
  if (cache !== undefined && result.changed.length > 0) await invalidatePortfolios(cache, [userId]);
  return result;
}
