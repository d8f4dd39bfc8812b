import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { Database } from "@nexus/db/client";
import { toDecimal } from "@nexus/core/money";
import { listCashMovements } from "@nexus/db/queries/cash-movements";
import { listMarketBarFlags } from "@nexus/db/queries/market";
import { MemoryCache } from "@nexus/platform/cache";
import {
  MarketHistoryStore,
  PortfolioError,
  RiskThreadPool,
  accountReturns,
  confirmSuspectMove,
  createPortfolioAnalytics,
  recordCashMovement,
  riskParameters,
  syncPositionsFromOrders,
  toWire,
} from "@nexus/services/portfolio";
import type { PortfolioAnalytics, PortfolioProblem, RiskRequestInput } from "@nexus/services/portfolio";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import { RawJson } from "../raw-json";
import { isAllowed } from "../auth/roles";
import type { Principal } from "../auth/roles";
import { serviceScope } from "../auth/scopes";
import type { Context } from "../trpc";
import { roleProcedure } from "../trpc";

/**
 * Traders open their own portfolio; compliance and admin (and services holding `portfolio:read`) open
 * anyone's. Ops has no business in traders' books.
 */
const portfolioProcedure = roleProcedure("trader", "compliance", serviceScope("portfolio:read"));

/**
 * A trader asking for another user's portfolio is refused the same way whether that user exists or
 * not (FORBIDDEN, never NOT_FOUND), so ids cannot be probed.
 */
function assertMayOpen(principal: Principal, userId: string): void {
  if (principal.kind === "user" && principal.user.role === "trader" && principal.user.id !== userId) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Traders may open only their own portfolio." });
  }
}

/** A process that did not hand its own (the web app does) gets one per database: in-memory cache, own pool. */
const defaults = new WeakMap<Database, PortfolioAnalytics>();
function portfolioOf(ctx: Pick<Context, "db" | "clock" | "portfolio">): PortfolioAnalytics {
  if (ctx.portfolio !== undefined) return ctx.portfolio;
  let analytics = defaults.get(ctx.db);
  if (analytics === undefined) {
    analytics = createPortfolioAnalytics({
      db: ctx.db,
      cache: new MemoryCache(),
      pool: new RiskThreadPool(),
      market: new MarketHistoryStore(ctx.db),
      clock: ctx.clock,
    });
    defaults.set(ctx.db, analytics);
  }
  return analytics;
}

/** How each refusal reaches the caller; the message says what to change. */
const REFUSAL_CODES: Record<PortfolioProblem, TRPC_ERROR_CODE_KEY> = {
  invalid_input: "BAD_REQUEST",
  unknown_symbol: "BAD_REQUEST",
  insufficient_history: "UNPROCESSABLE_CONTENT",
  no_exposure: "UNPROCESSABLE_CONTENT",
  unknown_flag: "NOT_FOUND",
  unknown_account: "NOT_FOUND",
  // 503 on the REST API (trpc-to-openapi maps SERVICE_UNAVAILABLE so): the caller may try again later.
  orders_unavailable: "SERVICE_UNAVAILABLE",
};

async function refusalsAsErrors<T>(compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    if (error instanceof PortfolioError) {
      throw new TRPCError({ code: REFUSAL_CODES[error.problem], message: error.message, cause: error });
    }
    throw error;
  }
}

const owner = z.object({ userId: z.uuid() });
/** Wire data (decimals as strings); the shape of each figure is documented in @nexus/core/analytics. */
const figure = z.unknown();

type OwnedRequest = { userId: string } & RiskRequestInput;

/** One risk figure of `userId`'s book, after the owner check. */
function riskOf(
  ctx: Pick<Context, "db" | "clock" | "portfolio"> & { principal: Principal },
  { userId, ...request }: OwnedRequest,
) {
  assertMayOpen(ctx.principal, userId);
  return refusalsAsErrors(
    async () => new RawJson(await portfolioOf(ctx).riskJson(userId, request as RiskRequestInput)),
  );
}

const openapi = (method: "GET" | "POST", path: `/${string}`, summary: string) => ({
  openapi: {
    method,
    path: `/portfolio/{userId}${path}` as const,
    protect: true,
    tags: ["portfolio"],
    summary,
  },
});

const varParams = riskParameters.var.extend(owner.shape);
const isoDate = z.iso.date({ error: "expected a date YYYY-MM-DD" });

/**
 * Operations (and admin) record the money a trader's account receives or pays out; so may a service
 * holding `portfolio:cash` (the firm's cashiering system). Traders and compliance do not move money.
 */
const cashProcedure = roleProcedure("ops", serviceScope("portfolio:cash"));

/**
 * Operations and admin (and a service holding `portfolio:sync`) sync any trader's positions from the
 * Orders service; a trader only their own book (assertMayOpen). Compliance reviews books, never changes them.
 */
const SYNC_ACCESS = ["trader", "ops", serviceScope("portfolio:sync")] as const;
const syncProcedure = roleProcedure(...SYNC_ACCESS);

/**
 * The Portfolio screen and other services (REST under /api/v1/portfolio/{userId}/...): a trader's
 * positions, P&L and risk. Figures are computed in the risk thread pool and cached per user, metric and
 * parameters; a trade of the user drops their cached figures (@nexus/services/portfolio).
 */
export const portfolioRouter = {
  summary: portfolioProcedure
    .meta(openapi("GET", "/summary", "Market value, day P&L, cash, realized and unrealized P&L"))
    .input(owner)
    .output(figure)
    .query(async ({ ctx, input }) => {
      assertMayOpen(ctx.principal, input.userId);
      return toWire(await portfolioOf(ctx).summary(input.userId));
    }),

  positions: portfolioProcedure
    .meta(openapi("GET", "/positions", "Positions at their marks with average cost and P&L"))
    .input(owner)
    .output(figure)
    .query(async ({ ctx, input }) => {
      assertMayOpen(ctx.principal, input.userId);
      return toWire(await portfolioOf(ctx).positions(input.userId));
    }),

  valueAtRisk: portfolioProcedure
    .meta(openapi("POST", "/var", "VaR and expected shortfall by method, confidence, horizon and lookback"))
    .input(varParams)
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "var" })),

  expectedShortfall: portfolioProcedure
    .meta(openapi("POST", "/expected-shortfall", "Expected shortfall (CVaR) beside VaR, by method"))
    .input(varParams)
    .output(figure)
    .query(async ({ ctx, input }) => {
      const results = (await riskOf(ctx, { ...input, metric: "var" })).toJSON() as Array<
        Record<string, unknown>
      >;
      return results.map(
        ({ method, confidence, horizon, var: valueAtRisk, expectedShortfall, esFraction }) => ({
          method,
          confidence,
          horizon,
          var: valueAtRisk,
          expectedShortfall,
          esFraction,
        }),
      );
    }),

  varBacktest: portfolioProcedure
    .meta(
      openapi(
        "POST",
        "/var-backtest",
        "One-day VaR forecasts against the book's P&L over 250 days: Kupiec, Christoffersen, Basel zone",
      ),
    )
    .input(riskParameters.backtest.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "backtest" })),

  performance: portfolioProcedure
    .meta(openapi("POST", "/performance", "Return, volatility, Sharpe, drawdown, beta against a benchmark"))
    .input(riskParameters.performance.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "performance" })),

  performanceSeries: portfolioProcedure
    .meta(
      openapi(
        "POST",
        "/performance-series",
        "Cumulative return, drawdown, rolling volatility / Sharpe / beta and monthly returns vs the benchmark",
      ),
    )
    .input(riskParameters.performance_series.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "performance_series" })),

  riskDecomposition: portfolioProcedure
    .meta(openapi("POST", "/risk-decomposition", "Systematic and idiosyncratic risk, sectors, factors"))
    .input(riskParameters.risk_decomposition.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "risk_decomposition" })),

  correlation: portfolioProcedure
    .meta(openapi("POST", "/correlation", "Correlation matrix of the book's (or the given) symbols"))
    .input(riskParameters.correlation.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "correlation" })),

  marginalVar: portfolioProcedure
    .meta(openapi("POST", "/marginal-var", "VaR before and after a trade (what-if)"))
    .input(riskParameters.marginal_var.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "marginal_var" })),

  stressTest: portfolioProcedure
    .meta(openapi("POST", "/stress", "Historical episodes, or a custom scenario of price changes"))
    .input(riskParameters.stress.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "stress" })),

  historicalReturns: portfolioProcedure
    .meta(
      openapi("POST", "/returns", "The book's returns, daily or compounded by week, month, quarter, year"),
    )
    .input(riskParameters.returns.extend(owner.shape))
    .output(figure)
    .query(({ ctx, input }) => riskOf(ctx, { ...input, metric: "returns" })),

  accountReturns: portfolioProcedure
    .meta(
      openapi(
        "GET",
        "/account-returns",
        "The account's time-weighted returns from its daily snapshots: deposits and withdrawals are not performance",
      ),
    )
    .input(owner.extend({ from: isoDate.optional(), to: isoDate.optional() }))
    .output(figure)
    .query(async ({ ctx, input: { userId, ...range } }) => {
      assertMayOpen(ctx.principal, userId);
      return accountReturns(ctx.db, userId, range);
    }),

  cashMovements: portfolioProcedure
    .meta(openapi("GET", "/cash-movements", "Deposits and withdrawals, newest effective date first"))
    .input(owner)
    .output(figure)
    .query(async ({ ctx, input }) => {
      assertMayOpen(ctx.principal, input.userId);
      return toWire(await listCashMovements(ctx.db, input.userId));
    }),

  /** Records a deposit or withdrawal (audited); the account's cash counts it from its effective date. */
  recordCashMovement: cashProcedure
    .meta(openapi("POST", "/cash-movements", "Record a deposit to or withdrawal from a trader's account"))
    .input(
      owner.extend({
        kind: z.enum(["deposit", "withdrawal"]),
        /** Positive, at most 4 decimal places (the ledger's scale); the kind gives the direction. */
        amount: z.string().regex(/^(?=.*[1-9])\d{1,16}(\.\d{1,4})?$/, {
          error: "expected an amount above zero such as 2500.00",
        }),
        effectiveDate: isoDate,
        note: z.string().trim().min(3, { error: "say what the movement is" }).max(500),
      }),
    )
    .output(figure)
    .mutation(({ ctx, input }) =>
      refusalsAsErrors(async () =>
        toWire(
          await recordCashMovement(
            { db: ctx.db, actor: { ...auditActor(ctx.principal), ip: ctx.ip }, now: ctx.clock() },
            { ...input, amount: toDecimal(input.amount) },
          ),
        ),
      ),
    ),

  /**
   * Replaces the user's positions with the Orders service's, the system of record where the firm runs
   * one (audited; open screens refresh as it commits). PRECONDITION_FAILED where ORDERS_SERVICE_URL is
   * not set; SERVICE_UNAVAILABLE (503) when the service cannot answer, nothing changed.
   */
  syncPositions: syncProcedure
    .meta(openapi("POST", "/sync-positions", "Replace a trader's positions with the Orders service's"))
    .input(owner)
    .output(figure)
    .mutation(async ({ ctx, input }) => {
      assertMayOpen(ctx.principal, input.userId);
      if (ctx.orders === undefined) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "No Orders service is configured: set ORDERS_SERVICE_URL to sync positions from it.",
        });
      }
      const orders = ctx.orders;
      const synced = await refusalsAsErrors(() =>
        syncPositionsFromOrders(
          { db: ctx.db, actor: { ...auditActor(ctx.principal), ip: ctx.ip }, now: ctx.clock() },
          orders,
          // The analytics drop their own cached figures (the shared cache and their in-process memo).
          undefined,
          input.userId,
        ),
      );
      if (synced.changed.length > 0) await portfolioOf(ctx).invalidate(input.userId);
      return toWire({ ...synced, updated: synced.changed.length });
    }),

  /** Whether the Portfolio screen offers the sync: the Orders service is configured and the caller may sync. */
  syncAvailable: portfolioProcedure
    .input(owner)
    .output(z.object({ available: z.boolean() }))
    .query(({ ctx, input }) => {
      assertMayOpen(ctx.principal, input.userId);
      return { available: ctx.orders !== undefined && isAllowed(ctx.principal, SYNC_ACCESS) };
    }),

  /** The built-in historical stress episodes. */
  scenarios: portfolioProcedure.input(z.void()).query(({ ctx }) => portfolioOf(ctx).scenarios()),

  /**
   * Data quality: one-day moves beyond +/-40 % found on import, left out of risk while `suspected`.
   * Compliance reviews them (a spin-off, a split, a vendor glitch).
   */
  suspectMoves: roleProcedure("compliance")
    .input(z.object({ status: z.enum(["suspected", "confirmed"]).optional() }))
    .query(async ({ ctx, input }) => (await listMarketBarFlags(ctx.db, input)).map((flag) => toWire(flag))),

  /** Confirms a suspected move as real: the bar counts in risk from now on (audited). */
  confirmMove: roleProcedure("compliance")
    .input(
      z.object({
        symbol: z.string().min(1).max(15),
        date: z.iso.date({ error: "expected a date YYYY-MM-DD" }),
        note: z.string().trim().min(3, { error: "say why the move is real" }).max(500),
      }),
    )
    .mutation(({ ctx, input }) =>
      refusalsAsErrors(async () =>
        toWire(
          await confirmSuspectMove(
            { db: ctx.db, actor: { ...auditActor(ctx.principal), ip: ctx.ip }, now: ctx.clock() },
            input,
          ),
        ),
      ),
    ),

  /** Drops the user's cached figures (recomputed on the next request). */
  invalidate: portfolioProcedure
    .meta(openapi("POST", "/invalidate", "Drop the cached figures of a portfolio"))
    .input(owner)
    .output(z.object({ dropped: z.number() }))
    .mutation(async ({ ctx, input }) => {
      assertMayOpen(ctx.principal, input.userId);
      return { dropped: await portfolioOf(ctx).invalidate(input.userId) };
    }),
} satisfies TRPCRouterRecord;
