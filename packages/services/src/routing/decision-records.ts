import { Decimal } from "@nexus/core/money";
import type {
  ExecutionResult,
  Nbbo,
  RankedVenue,
  RouteRequest,
  RoutingDecision,
  RoutingRefusal,
  SplitPlan,
} from "@nexus/core/routing";
import type { NewExecutionLog, NewRoutingDecision } from "@nexus/db/queries/routing";
import type { HaltRow } from "@nexus/db/queries/trading-halts";
import { routingStrategy } from "@nexus/db/schema";
import { toWire } from "./wire";

type StrategyName = (typeof routingStrategy.enumValues)[number];

/** The router accepts only its registered strategies, each of which the routing_strategy enum names. */
function strategyOf(name: string): StrategyName {
  const known = routingStrategy.enumValues.find((value) => value === name);
  if (known === undefined)
    throw new Error(`strategy ${name} has no routing_strategy value to be logged under`);
  return known;
}

/** routing_decisions.expected_fill_rate is numeric(5,4). */
const ratio = (probability: number) => new Decimal(probability.toFixed(4));

function nbboColumns(nbbo: Nbbo | undefined) {
  return {
    nbboBidPrice: nbbo?.bid?.price ?? null,
    nbboBidSize: nbbo?.bid?.quantity ?? null,
    nbboAskPrice: nbbo?.ask?.price ?? null,
    nbboAskSize: nbbo?.ask?.quantity ?? null,
  };
}

function orderColumns(request: RouteRequest) {
  return {
    orderId: request.orderId,
    userId: request.userId,
    symbol: request.symbol,
    side: request.side,
    quantity: request.quantity,
    limitPrice: request.limitPrice ?? null,
    strategy: strategyOf(request.strategy),
    handling: request.handling ?? "held",
  };
}

/** The selected venue as its strategy ranked it (rank 1), in the shape of the alternatives. */
function winnerOf(decision: RoutingDecision): RankedVenue {
  return {
    rank: 1,
    venueId: decision.venueId,
    venueType: decision.venueType,
    score: decision.score,
    expectedPrice: decision.expectedPrice,
    feePerShare: decision.feePerShare,
    allInPrice: decision.allInPrice,
    expectedQuantity: decision.expectedQuantity,
    allInCost: decision.allInCost,
    fillProbability: decision.fillProbability,
    latencyMs: decision.expectedLatencyMs,
    reason: decision.reason,
  };
}

export function routedRecord(request: RouteRequest, decision: RoutingDecision): NewRoutingDecision {
  return {
    id: decision.decisionId,
    ...orderColumns(request),
    outcome: "routed",
    selectedVenueId: decision.venueId,
    expectedPrice: decision.expectedPrice,
    expectedQuantity: decision.expectedQuantity,
    expectedFillRate: ratio(decision.fillProbability),
    expectedLatencyMs: Math.round(decision.expectedLatencyMs),
    expectedCost: decision.allInCost,
    reason: decision.reason,
    // Every eligible venue as ranked, the winner first, so the log shows each candidate's score.
    alternatives: toWire([winnerOf(decision), ...decision.alternatives]),
    excluded: decision.excluded,
    ...nbboColumns(decision.nbbo),
    decidedAt: new Date(decision.decidedAt),
  };
}

export function refusedRecord(
  id: string,
  request: RouteRequest,
  refusal: RoutingRefusal,
  nbbo: Nbbo,
): NewRoutingDecision {
  return {
    id,
    ...orderColumns(request),
    outcome: "refused",
    reason: refusal.reason,
    excluded: refusal.excluded,
    ...nbboColumns(nbbo),
    decidedAt: new Date(nbbo.asOf),
  };
}

/** The refusal's words for a halted order: what the halt says, and which halt it is. */
export function haltReason(halt: HaltRow): string {
  return `halted (${halt.scope} halt ${halt.id}): ${halt.reason}`;
}

export function haltedRecord(id: string, request: RouteRequest, halt: HaltRow, at: Date): NewRoutingDecision {
  return {
    id,
    ...orderColumns(request),
    outcome: "refused",
    haltId: halt.id,
    reason: haltReason(halt),
    ...nbboColumns(undefined),
    decidedAt: at,
  };
}

export function splitRecord(request: RouteRequest, plan: SplitPlan): NewRoutingDecision {
  return {
    id: plan.decisionId,
    ...orderColumns(request),
    outcome: "split",
    expectedPrice: plan.averageAllInPrice,
    expectedQuantity: plan.routedQuantity,
    expectedCost: plan.allInCost,
    reason: plan.reason,
    splits: toWire(plan.allocations),
    excluded: plan.excluded,
    ...nbboColumns(plan.nbbo),
    decidedAt: new Date(plan.decidedAt),
  };
}

/**
 * One execution_logs row per child order, failed ones included, so a failover is on the record: the leg
 * that timed out, the venue it moved to and what that one filled. Each leg was sent what the legs before
 * it left (routeAndExecute), which is its requested quantity; a failed leg is dated when it ended, the
 * decision time plus the legs' latencies so far.
 */
export function executionRecords(
  request: RouteRequest,
  result: ExecutionResult,
  decision: RoutingDecision,
): NewExecutionLog[] {
  const byChild = new Map(result.executions.map((e) => [e.childOrderId, e]));
  let remaining = request.quantity;
  let endedAt = decision.decidedAt;
  return result.attempts.map((attempt) => {
    const requested = remaining;
    endedAt += attempt.latencyMs;
    const execution = byChild.get(attempt.childOrderId);
    const base = {
      decisionId: decision.decisionId,
      orderId: request.orderId,
      venueId: attempt.venueId,
      requestedQuantity: requested,
      latencyMs: Math.round(attempt.latencyMs),
    };
    if (execution === undefined) {
      const status =
        attempt.outcome === "rejected" ? "rejected" : attempt.outcome === "timeout" ? "timeout" : "error";
      return {
        ...base,
        status,
        executedQuantity: new Decimal(0),
        executedPrice: null,
        fee: new Decimal(0),
        executionQuality: "neutral",
        executedAt: new Date(endedAt),
      };
    }
    remaining = remaining.minus(execution.executedQuantity);
    const executed = execution.executedQuantity;
    return {
      ...base,
      id: execution.executionId,
      status: executed.isZero() ? "unfilled" : executed.eq(requested) ? "filled" : "partially_filled",
      executedQuantity: executed,
      executedPrice: execution.executedPrice,
      fee: execution.fee,
      priceImprovement: execution.priceImprovementPerShare,
      executionQuality: execution.quality,
      executedAt: new Date(execution.executedAt),
    };
  });
}
