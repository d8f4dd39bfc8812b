import type { Database } from "@nexus/db/client";
import { listActiveHaltsFor } from "@nexus/db/queries/routing";
import type { HaltRow } from "@nexus/db/queries/trading-halts";
import DataLoader from "dataloader";

/** Whom and what an order trades. */
export interface HaltTarget {
  userId: string;
  symbol: string;
}

/** True when the halt stops this user trading this symbol: their whole book, the symbol, or both at once. */
export function haltCovers(halt: HaltRow, target: HaltTarget): boolean {
  switch (halt.scope) {
    case "user":
      return halt.userId === target.userId;
    case "symbol":
      return halt.symbol === target.symbol;
    case "user_symbol":
      return halt.userId === target.userId && halt.symbol === target.symbol;
  }
}

/**
 * The active halt covering each order, looked up for all the orders of concurrent requests at once (one
 * query per turn of the event loop instead of one per order). Nothing is cached: every lookup reads the
 * table as it is, so a halt stops the very next order. The oldest covering halt is the one reported.
 */
export function createHaltLookup(db: Database): (target: HaltTarget) => Promise<HaltRow | undefined> {
  const loader = new DataLoader<HaltTarget, HaltRow | undefined, string>(
    async (targets) => {
      const halts = await listActiveHaltsFor(db, {
        userIds: [...new Set(targets.map((t) => t.userId))],
        symbols: [...new Set(targets.map((t) => t.symbol))],
      });
      return targets.map((target) => halts.find((halt) => haltCovers(halt, target)));
    },
    {
      cache: false,
      // Requests arrive in separate I/O callbacks: wait for the turn's I/O to gather them, as tick-batcher.ts.
      batchScheduleFn: (callback) => setImmediate(callback),
    },
  );
  return (target) => loader.load(target);
}
