import type { TRPCRouterRecord, TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { RoutingInputError } from "@nexus/core/routing";
import {
  findRoutingDecision,
  listRoutingDecisions,
  listVenueConfigurations,
} from "@nexus/db/queries/routing";
import { listBreakerTransitions } from "@nexus/db/queries/venue-state";
import { routingDistribution } from "@nexus/db/queries/venue-performance";
import {
  RoutingServiceError,
  darkLiquidityCurves,
  newVenueConfigurationSchema,
  refreshVenuePerformance,
  routeInputSchema,
  toWire,
  venueConfigurationChangeSchema,
  type RouteInput,
  type RoutingService,
  type RoutingServiceProblem,
} from "@nexus/services/routing";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import type { Principal } from "../auth/roles";
import { serviceScope } from "../auth/scopes";
import type { Context } from "../trpc";
import { roleProcedure } from "../trpc";

/**
 * Who may do what (auth/scopes.ts for the keys): traders route their own orders, ops any order and the
 * operations screens (admin passes every check for people); another service (the Orders service) needs
 * the scope of each procedure on its key.
 */
const routeProcedure = roleProcedure("trader", "ops", serviceScope("routing:route"));
const executeProcedure = roleProcedure("trader", "ops", serviceScope("routing:execute"));
const statsProcedure = roleProcedure("ops", serviceScope("routing:read"));
const opsProcedure = roleProcedure("ops");

/** The process's routing service; the web server builds one at start (apps/web/src/server/routing.ts). */
function routingOf(ctx: Pick<Context, "routing">): RoutingService {
  if (ctx.routing === undefined) {
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "Routing is not available in this process.",
    });
  }
  return ctx.routing;
}

/** A trader routes only their own orders (the order's userId); ops, admin and services route any. */
function assertMayRoute(principal: Principal, input: Pick<RouteInput, "userId">): void {
  if (principal.kind === "user" && principal.user.role === "trader" && principal.user.id !== input.userId) {
    throw new TRPCError({ code: "FORBIDDEN", message: "userId: a trader routes only their own orders." });
  }
}

/** How the service's refusals reach the caller; the message already names the field or the venue. */
const REFUSAL_CODES: Record<RoutingServiceProblem, TRPC_ERROR_CODE_KEY> = {
  invalid: "BAD_REQUEST",
  unknown_venue: "NOT_FOUND",
  duplicate_venue: "CONFLICT",
  unavailable: "SERVICE_UNAVAILABLE",
};

/** The router's refusals of input are 400s naming the field, like the service's. */
async function refusingBadInput<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RoutingInputError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
    }
    if (error instanceof RoutingServiceError) {
      throw new TRPCError({ code: REFUSAL_CODES[error.problem], message: error.message, cause: error });
    }
    throw error;
  }
}

const decimal = z.string().describe("decimal string");
const nbboSide = z.looseObject({ price: decimal, quantity: decimal, venueIds: z.array(z.string()) });
const nbboOutput = z.looseObject({
  symbol: z.string(),
  bid: nbboSide.optional(),
  ask: nbboSide.optional(),
  condition: z.enum(["normal", "locked", "crossed", "one_sided", "empty"]),
  spread: decimal.optional(),
  staleVenueIds: z.array(z.string()),
  asOf: z.number().describe("epoch ms"),
});
const exclusion = z.object({ venueId: z.string(), reason: z.string(), detail: z.string() });
const rankedVenue = z.looseObject({
  rank: z.number(),
  venueId: z.string(),
  venueType: z.string(),
  score: z.number(),
  expectedPrice: decimal,
  feePerShare: decimal,
  allInPrice: decimal,
  expectedQuantity: decimal,
  allInCost: decimal,
  fillProbability: z.number(),
  latencyMs: z.number(),
  reason: z.string(),
});
const routedOutput = z.looseObject({
  kind: z.literal("routed"),
  decisionId: z.string(),
  orderId: z.string(),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  quantity: decimal,
  strategy: z.string(),
  venueId: z.string(),
  expectedPrice: decimal,
  expectedQuantity: decimal,
  allInPrice: decimal,
  fillProbability: z.number(),
  reason: z.string(),
  alternatives: z.array(rankedVenue),
  excluded: z.array(exclusion),
  nbbo: nbboOutput,
});
const refusedOutput = z.looseObject({
  kind: z.literal("refused"),
  decisionId: z.string(),
  orderId: z.string(),
  symbol: z.string(),
  violatedConstraints: z.array(z.string()),
  reason: z.string(),
  excluded: z.array(exclusion),
  nbbo: nbboOutput,
});
const haltedOutput = z.object({
  kind: z.literal("halted"),
  decisionId: z.string(),
  orderId: z.string(),
  symbol: z.string(),
  haltId: z.string(),
  haltScope: z.enum(["user", "symbol", "user_symbol"]),
  reason: z.string(),
});
const executedOutput = z.looseObject({
  kind: z.literal("executed"),
  decision: z.union([routedOutput, refusedOutput]),
  attempts: z.array(
    z.object({
      venueId: z.string(),
      childOrderId: z.string(),
      outcome: z.enum(["executed", "unfilled", "rejected", "timeout", "error"]),
      latencyMs: z.number(),
      detail: z.string(),
    }),
  ),
  executions: z.array(
    z.looseObject({ executionId: z.string(), venueId: z.string(), executedQuantity: decimal }),
  ),
  filledQuantity: decimal,
  unfilledQuantity: decimal,
  averagePrice: decimal.nullable(),
  failovers: z.number(),
});
const splitOutput = z.looseObject({
  kind: z.literal("split"),
  decisionId: z.string(),
  allocations: z.array(z.looseObject({ venueId: z.string(), quantity: decimal })),
  routedQuantity: decimal,
  averageAllInPrice: decimal.nullable(),
  reason: z.string(),
  nbbo: nbboOutput,
});
const statsOutput = z.object({
  since: z.string(),
  decisions: z.object({
    decisions: z.number(),
    routed: z.number(),
    split: z.number(),
    refused: z.number(),
    halted: z.number(),
    byStrategy: z.record(z.string(), z.number()),
    byVenue: z.record(z.string(), z.number()),
  }),
  venues: z.array(
    z.object({
      venueId: z.string(),
      childOrders: z.number(),
      failures: z.number(),
      requestedQuantity: decimal,
      executedQuantity: decimal,
      fillRate: z.number(),
      latencyP50Ms: z.number().nullable(),
      latencyP99Ms: z.number().nullable(),
      priceImprovementPerShare: decimal.nullable(),
      netFees: decimal,
    }),
  ),
});

const performanceOutput = z.array(
  z.object({
    venueId: z.string(),
    periodType: z.enum(["hour", "day", "month"]),
    periodStart: z.string().describe("ISO 8601 UTC"),
    orderCount: z.number(),
    fillRate: decimal,
    latencyP50Ms: z.number(),
    latencyP99Ms: z.number(),
    avgPriceImprovement: decimal,
    priceImprovementRate: decimal,
    executedVolume: decimal,
    executedNotional: decimal,
    totalFees: decimal,
    rejectCount: z.number(),
  }),
);

const HOUR_MS = 3_600_000;

const openapi = (method: "GET" | "POST", path: string, summary: string) => ({
  openapi: { method, path: `/routing/${path}` as const, protect: true, tags: ["routing"], summary },
});

/** The routing API (issue 12): for other services over REST and tRPC, and for the operations screens. */
export const routingRouter = {
  route: routeProcedure
    .meta(openapi("POST", "route", "Route an order to one venue (decision only, logged and published)"))
    .input(routeInputSchema)
    .output(z.union([routedOutput, refusedOutput, haltedOutput]))
    .mutation(({ ctx, input }) => {
      assertMayRoute(ctx.principal, input);
      return refusingBadInput(() => routingOf(ctx).route(input));
    }),

  routeAndExecute: executeProcedure
    .meta(openapi("POST", "route-and-execute", "Route an order and send IOC child orders, failing over"))
    .input(routeInputSchema)
    .output(z.union([executedOutput, haltedOutput]))
    .mutation(({ ctx, input }) => {
      assertMayRoute(ctx.principal, input);
      return refusingBadInput(() => routingOf(ctx).routeAndExecute(input));
    }),

  split: routeProcedure
    .meta(openapi("POST", "split", "Split an order over venues by quoted depth"))
    .input(z.strictObject({ order: routeInputSchema, maxVenues: z.int().min(1).max(50) }))
    .output(z.union([splitOutput, refusedOutput, haltedOutput]))
    .mutation(({ ctx, input }) => {
      assertMayRoute(ctx.principal, input.order);
      return refusingBadInput(() => routingOf(ctx).split(input.order, input.maxVenues));
    }),

  nbbo: routeProcedure
    .meta(openapi("GET", "nbbo", "National best bid and offer from the venue quote cache"))
    .input(z.object({ symbol: z.string() }))
    .output(nbboOutput)
    .query(({ ctx, input }) => refusingBadInput(() => routingOf(ctx).nbbo(input.symbol))),

  venueRankings: routeProcedure
    .meta(openapi("POST", "venue-rankings", "Eligible venues for an order, best first"))
    .input(routeInputSchema)
    .output(z.array(rankedVenue))
    .mutation(({ ctx, input }) => {
      assertMayRoute(ctx.principal, input);
      return refusingBadInput(() => routingOf(ctx).venueRankings(input));
    }),

  stats: statsProcedure
    .meta(openapi("GET", "stats", "Routing decisions and venue execution quality over a window"))
    .input(z.object({ sinceMinutes: z.coerce.number().int().min(1).max(43_200).default(60) }))
    .output(statsOutput)
    .query(({ ctx, input }) =>
      routingOf(ctx).statistics(new Date(ctx.clock().getTime() - input.sinceMinutes * 60_000)),
    ),

  /** venue_performance aggregated from the execution log now (on demand) and read back, oldest first. */
  performance: statsProcedure
    .meta(openapi("GET", "performance", "Venue performance per hour or day, aggregated on demand"))
    .input(
      z.object({
        periodType: z.enum(["hour", "day"]).default("hour"),
        sinceHours: z.coerce.number().int().min(1).max(2_160).default(24),
      }),
    )
    .output(performanceOutput)
    .query(async ({ ctx, input }) => {
      const now = ctx.clock();
      const rows = await refreshVenuePerformance(ctx.db, {
        periodType: input.periodType,
        since: new Date(now.getTime() - input.sinceHours * HOUR_MS),
        now,
      });
      return rows.map(({ id: _id, updatedAt: _updatedAt, periodStart, ...row }) => ({
        ...toWire(row),
        periodStart: periodStart.toISOString(),
      }));
    }),

  /** Circuit breaker changes the routers saw, newest first: the dashboard's breaker state and history. */
  breakerHistory: opsProcedure
    .input(z.object({ sinceHours: z.int().min(1).max(720).default(24) }))
    .query(({ ctx, input }) =>
      listBreakerTransitions(ctx.db, {
        since: new Date(ctx.clock().getTime() - input.sinceHours * HOUR_MS),
        limit: 200,
      }),
    ),

  /** Routed decisions per time bucket, venue and strategy: where the flow went over time. */
  distribution: opsProcedure
    .input(
      z.object({
        sinceMinutes: z.int().min(5).max(43_200).default(60),
        bucketSeconds: z.int().min(10).max(86_400).default(60),
      }),
    )
    .query(({ ctx, input }) =>
      routingDistribution(ctx.db, {
        since: new Date(ctx.clock().getTime() - input.sinceMinutes * 60_000),
        bucketSeconds: input.bucketSeconds,
      }),
    ),

  /** What `smart` has learned of each dark pool's hidden liquidity (Kaplan-Meier over its child orders). */
  liquidityCurves: opsProcedure.input(z.void()).query(({ ctx }) => darkLiquidityCurves(ctx.db)),

  /** The decision log, newest first (the operations screens). */
  decisions: opsProcedure
    .input(
      z.object({
        limit: z.int().min(1).max(200).default(50),
        before: z.date().optional(),
        symbol: z.string().optional(),
        venueId: z.string().optional(),
      }),
    )
    .query(async ({ ctx, input }) => toWire(await listRoutingDecisions(ctx.db, input))),

  /** One decision with its child orders and fills (the drill-down). */
  decision: opsProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const found = await findRoutingDecision(ctx.db, input.id);
    if (found === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `No decision ${input.id}.` });
    return toWire(found);
  }),

  venues: opsProcedure
    .input(z.void())
    .query(async ({ ctx }) => toWire(await listVenueConfigurations(ctx.db))),

  /** Adds a venue, audited in the same transaction and registered with the router at once. */
  addVenue: opsProcedure
    .input(newVenueConfigurationSchema)
    .mutation(async ({ ctx, input }) =>
      toWire(
        await refusingBadInput(() =>
          routingOf(ctx).addVenue({ ...auditActor(ctx.principal), ip: ctx.ip }, input),
        ),
      ),
    ),

  /** Changes a venue's configuration, audited in the same transaction and applied to the router at once. */
  updateVenue: opsProcedure
    .input(venueConfigurationChangeSchema)
    .mutation(async ({ ctx, input }) =>
      toWire(
        await refusingBadInput(() =>
          routingOf(ctx).configureVenue({ ...auditActor(ctx.principal), ip: ctx.ip }, input),
        ),
      ),
    ),
} satisfies TRPCRouterRecord;
