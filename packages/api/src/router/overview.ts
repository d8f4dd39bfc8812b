import type { TRPCRouterRecord } from "@trpc/server";
import { decimalToString } from "@nexus/core/money";
import { eventCounts, eventsPerMinute, latestTrades, symbolsByActivity } from "@nexus/db/queries/overview";
import { z } from "zod";

import { HUMAN_ROLES } from "../auth/roles";
import { roleProcedure } from "../trpc";

/** The window of the per-minute chart and of the activity ranking. */
const WINDOW_MINUTES = 60;

/** Decimals travel as plain strings ("189.250000"), timestamps as ISO 8601, so REST and tRPC agree. */
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/);
const isoTimestamp = z.iso.datetime();

const summaryOutput = z.object({
  asOf: isoTimestamp,
  eventCounts: z.array(
    z.object({
      table: z.enum(["order_events", "trade_events", "quote_events"]),
      count: z.number().int(),
      /** True when the count is the planner's estimate (very large tables). */
      estimated: z.boolean(),
    }),
  ),
  eventsPerMinute: z.array(
    z.object({
      minute: isoTimestamp,
      orders: z.number().int(),
      trades: z.number().int(),
      quotes: z.number().int(),
    }),
  ),
  latestTrades: z.array(
    z.object({
      eventId: z.string(),
      tradeId: z.string(),
      occurredAt: isoTimestamp,
      symbol: z.string(),
      price: decimalString,
      quantity: decimalString,
      aggressorSide: z.string(),
      venueId: z.string().nullable(),
    }),
  ),
  activeSymbols: z.array(
    z.object({
      symbol: z.string(),
      trades: z.number().int(),
      volume: decimalString,
      notional: decimalString,
      lastPrice: decimalString,
    }),
  ),
});

/** The ingestion picture every signed-in role (and other services) may see. */
export const overviewRouter = {
  /**
   * Counts per event table, events per minute and most active symbols over the last hour, and
   * the latest trades. Counterparty identities are left out: every role sees this screen.
   */
  summary: roleProcedure(...HUMAN_ROLES, "service")
    .meta({
      openapi: {
        method: "GET",
        path: "/overview/summary",
        protect: true,
        tags: ["overview"],
        summary: "Ingestion overview",
      },
    })
    .input(
      z.object({
        tradesLimit: z.number().int().min(1).max(100).default(20),
        symbolsLimit: z.number().int().min(1).max(50).default(10),
      }),
    )
    .output(summaryOutput)
    .query(async ({ ctx, input }) => {
      const now = ctx.clock();
      const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
      const [counts, perMinute, trades, symbols] = await Promise.all([
        eventCounts(ctx.db),
        eventsPerMinute(ctx.db, { now, minutes: WINDOW_MINUTES }),
        latestTrades(ctx.db, { limit: input.tradesLimit }),
        symbolsByActivity(ctx.db, { since, limit: input.symbolsLimit }),
      ]);
      return {
        asOf: now.toISOString(),
        eventCounts: counts,
        eventsPerMinute: perMinute.map((row) => ({ ...row, minute: row.minute.toISOString() })),
        latestTrades: trades.map((trade) => ({
          eventId: trade.eventId,
          tradeId: trade.tradeId,
          occurredAt: trade.occurredAt.toISOString(),
          symbol: trade.symbol,
          price: decimalToString(trade.price),
          quantity: decimalToString(trade.quantity),
          aggressorSide: trade.aggressorSide,
          venueId: trade.venueId,
        })),
        activeSymbols: symbols.map((row) => ({
          symbol: row.symbol,
          trades: row.trades,
          volume: decimalToString(row.volume),
          notional: decimalToString(row.notional),
          lastPrice: decimalToString(row.lastPrice),
        })),
      };
    }),
} satisfies TRPCRouterRecord;
