import { randomUUID } from "node:crypto";
import { encodeEvent, TOPICS, type ContractEvent } from "@nexus/core/events";
import type { Decimal } from "@nexus/core/money";
import {
  DEFAULT_LIQUIDITY_OPTIONS,
  DEFAULT_PRIORS,
  DEFAULT_STRATEGIES,
  SmartOrderRouter,
  parseRoutingInput,
  routeRequestSchema,
  splitVenuesSchema,
  toRoutingDecisionEvent,
  toRoutingExecutionEvent,
  type ExecutionResult,
  type Nbbo,
  type RouteRequest,
  type RoutingDecision,
  type RoutingRefusal,
  type RoutingStrategy,
  type BreakerState,
  type SplitPlan,
  type Timer,
  type VenueExclusion,
  type VenueQuote,
  type VenueRanking,
} from "@nexus/core/routing";
import type { Database } from "@nexus/db/client";
import { withAudit } from "@nexus/db/queries/audit";
import {
  countRoutingDecisions,
  insertVenueConfiguration,
  listVenueConfigurations,
  lockVenueConfiguration,
  recordRoutingDecisions,
  summarizeVenueExecutions,
  updateVenueConfiguration,
  type DecisionCounts,
  type DecisionRecord,
  type NewExecutionLog,
  type NewRoutingDecision,
  type VenueConfiguration,
  type VenueExecutionSummary,
} from "@nexus/db/queries/routing";
import type { HaltRow } from "@nexus/db/queries/trading-halts";
import { listFillObservations } from "@nexus/db/queries/venue-performance";
import { recordBreakerTransitions } from "@nexus/db/queries/venue-state";
import { BackgroundPublisher, type EventBus } from "@nexus/platform/bus";
import type { Logger } from "@nexus/platform/logger";
import type { Cache } from "@nexus/platform/cache";
import type { z } from "zod";
import type { Actor } from "../context";
import { ConfiguredVenue } from "./configured-venue";
import { createHaltLookup, type HaltTarget } from "./halt-lookup";
import { HaltSnapshot, type ListenPort } from "./halt-snapshot";
import { TickBatcher } from "./tick-batcher";
import {
  executionRecords,
  haltReason,
  haltedRecord,
  refusedRecord,
  routedRecord,
  splitRecord,
} from "./decision-records";
import { toVenueQuote } from "./quote-cache";
import { cacheQuoteStore, type QuoteStore } from "./quote-store";
import { parseRouteInput, type RouteInput } from "./route-input";
import { RoutingServiceError } from "./routing-service-error";
import {
  newVenueConfigurationSchema,
  toNewVenueConfiguration,
  toVenueConfigurationChange,
  venueConfigurationChangeSchema,
  type NewVenueConfigurationInput,
  type VenueConfigurationInput,
} from "./venue-configuration-change";
import type { VenueGateway } from "./venue-gateway";
import { shareReads } from "./shared-read";
import { toWire, type Wire } from "./wire";

export interface RoutingServiceOptions {
  db: Database;
  /** Where routing.decisions and routing.executions go, in the background (publishInBackground). */
  bus: EventBus;
  /** Told when the bus refuses those events (they are sent again) and of any left unsent at close. */
  logger?: Logger;
  /** Events waiting for the bus beyond which orders are refused (default MAX_UNPUBLISHED_EVENTS). */
  maxUnpublishedEvents?: number;
  /** First pause before events the bus refused are sent again (default 500 ms, doubling to 10 s). */
  publishRetryBackoffMs?: number;
  cache: Cache;
  /**
   * LISTEN on the database (postgres.js's `sql.listen`): the active trading halts are then held in memory
   * and read again on each change trading_halts announces (halt-snapshot.ts). Without it every turn's
   * orders look their halts up in one query.
   */
  listen?: ListenPort;
  /** Where venue quotes are read (default: the cache; quote-store.ts says when the database serves). */
  quoteStore?: QuoteStore;
  /** Names this process in the breaker history (venue_breaker_transitions.observer); default "router". */
  observer?: string;
  /** Where child orders go (route-and-execute). */
  gateway: VenueGateway;
  now?: () => number;
  newId?: () => string;
  timer?: Timer;
  /** The router's quote TTL, under 1 s (default 500 ms). */
  quoteTtlMs?: number;
  /** How long a venue may take to answer a child order before the router fails over (default 250 ms). */
  venueTimeoutMs?: number;
  /**
   * How often venue_configurations is read again, which is how an edit made through another process (web
   * replica, worker) reaches this one's router; an edit made through this service applies at once.
   */
  configRefreshMs?: number;
}

/** A refusal because an active trading halt covers the user, the symbol, or the user in the symbol. */
export interface HaltedOrder {
  kind: "halted";
  decisionId: string;
  orderId: string;
  symbol: string;
  haltId: string;
  haltScope: HaltRow["scope"];
  reason: string;
}

export type RouteResult =
  Wire<RoutingDecision> | (Wire<RoutingRefusal> & { decisionId: string; nbbo: Wire<Nbbo> }) | HaltedOrder;
export type SplitResult =
  Wire<SplitPlan> | (Wire<RoutingRefusal> & { decisionId: string; nbbo: Wire<Nbbo> }) | HaltedOrder;
export type ExecuteResult =
  | (Wire<Omit<ExecutionResult, "decision">> & {
      kind: "executed";
      decision: Wire<RoutingDecision> | (Wire<RoutingRefusal> & { decisionId: string; nbbo: Wire<Nbbo> });
    })
  | HaltedOrder;

export interface RoutingStatistics {
  since: string;
  decisions: DecisionCounts;
  venues: VenueExecutionSummary[];
}

/** A venue the router knows: its configuration row (as loaded) and the adapter registered for it. */
interface LoadedVenue {
  config: VenueConfiguration;
  venue: ConfiguredVenue;
}

/**
 * Ties of equal strategy score and tie-break are settled by venue priority (lower first) rather than the
 * venue id: the weight keeps the tie-break's own differences (fill probabilities, share counts) in charge,
 * so priority decides only among venues the strategy cannot tell apart.
 */
const PRIORITY_WEIGHT = 1e-9;

/**
 * Routing events waiting for the broker beyond which orders are refused (route, route-and-execute): a
 * broker outage of a few seconds at the API's 2,000 orders/s, about 10 MB, rather than memory without end.
 */
const MAX_UNPUBLISHED_EVENTS = 20_000;

/** How long close() waits for the routing events still queued to go. */
const CLOSE_PUBLISH_TIMEOUT_MS = 5_000;

/**
 * Routing as a use case (issue 12): the router of @nexus/core/routing, fed from the venue quote cache and
 * the venue_configurations table, behind the trading-halt check; every decision and child order is
 * written to routing_decisions and execution_logs, and routed decisions and executions are published to
 * routing.decisions and routing.executions (docs/events.md). One instance per process; the tRPC and REST
 * procedures and the worker call it.
 */
export class RoutingService {
  private readonly router: SmartOrderRouter;
  private readonly venues = new Map<string, LoadedVenue>();
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly configRefreshMs: number;
  private readonly events: BackgroundPublisher;
  private readonly records: TickBatcher<DecisionRecord>;
  private readonly findHalt: (target: HaltTarget) => Promise<HaltRow | undefined>;
  private readonly halts: HaltSnapshot | undefined;
  private readonly quotes: QuoteStore;
  /** The router's view of a symbol's lit venue quotes, one read shared by the orders that came meanwhile. */
  private readonly readLitQuotes: (symbol: string, venueIds: readonly string[]) => Promise<VenueQuote[]>;
  /** The breaker state of each venue as last recorded, to log only changes. */
  private readonly breakerStates = new Map<string, BreakerState>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(private readonly options: RoutingServiceOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    this.configRefreshMs = options.configRefreshMs ?? 1000;
    this.quotes = options.quoteStore ?? cacheQuoteStore(options.cache);
    this.readLitQuotes = shareReads(
      (symbol, venueIds) => `${symbol} ${venueIds.join(" ")}`,
      async (symbol, venueIds) =>
        (await this.quotes.read(symbol, venueIds)).map((quote) =>
          toVenueQuote(quote, this.venues.get(quote.venueId)?.config.venueType === "exchange"),
        ),
    );
    this.events = new BackgroundPublisher({
      bus: options.bus,
      maxPending: options.maxUnpublishedEvents ?? MAX_UNPUBLISHED_EVENTS,
      retryBackoffMs: options.publishRetryBackoffMs,
      onRetry: (error, topic, pending) =>
        options.logger?.warn(
          { err: error, topic, pending },
          "routing events not published yet; sending again",
        ),
    });
    const halts = options.listen === undefined ? undefined : new HaltSnapshot(options.db, options.listen);
    this.halts = halts;
    this.findHalt = halts === undefined ? createHaltLookup(options.db) : (target) => halts.find(target);
    this.records = new TickBatcher((_log, records) => recordRoutingDecisions(options.db, records));
    const priorityOf = (venueId: string) => this.venues.get(venueId)?.config.priority ?? 0;
    this.router = new SmartOrderRouter({
      now: this.now,
      newId: this.newId,
      timer: options.timer ?? {
        after(ms, callback) {
          const handle = setTimeout(callback, ms);
          return () => clearTimeout(handle);
        },
      },
      quoteTtlMs: options.quoteTtlMs,
      venueTimeoutMs: options.venueTimeoutMs,
      strategies: DEFAULT_STRATEGIES.map((strategy) => withPriority(strategy, priorityOf)),
    });
  }

  /**
   * Routes one order to one venue (no child order is sent); the decision is logged, and published once
   * logged (publishInBackground).
   */
  async route(input: RouteInput): Promise<RouteResult> {
    this.refuseWhileUnpublished();
    const { request, halt } = await this.prepare(input);
    const halted = await this.refuseIfHalted(request, halt);
    if (halted !== undefined) return halted;
    const restricted = this.restrict(request);
    const answer = this.router.routeOrder(restricted.request);
    if (answer.kind === "refused") return this.recordRefusal(request, restricted.explain(answer));
    const decision = restricted.explainDecision(answer);
    await this.record(routedRecord(request, decision));
    this.publishInBackground(toRoutingDecisionEvent(decision, { eventId: this.newId() }));
    return toWire(decision);
  }

  /**
   * Routes and sends IOC child orders, failing over venue by venue (SmartOrderRouter.routeAndExecute):
   * the decision, every child order (failed ones too) and every execution report are logged in one
   * transaction, then published (publishInBackground).
   */
  async routeAndExecute(input: RouteInput): Promise<ExecuteResult> {
    this.refuseWhileUnpublished();
    const { request, halt } = await this.prepare(input);
    const halted = await this.refuseIfHalted(request, halt);
    if (halted !== undefined) return halted;
    const restricted = this.restrict(request);
    const result = await this.router.routeAndExecute(restricted.request);
    const { decision: answer, ...outcome } = result;
    if (answer.kind === "refused") {
      const refusal = await this.recordRefusal(request, restricted.explain(answer));
      return { kind: "executed", ...toWire(outcome), decision: refusal };
    }
    const decision = restricted.explainDecision(answer);
    const executions = executionRecords(request, result, decision);
    await this.record({ ...routedRecord(request, decision), attempts: toWire(result.attempts) }, executions);
    await this.recordBreakerChanges();
    this.publishInBackground(
      toRoutingDecisionEvent(decision, { eventId: this.newId() }),
      result.executions.map((execution) => toRoutingExecutionEvent(execution, { eventId: this.newId() })),
    );
    return { kind: "executed", ...toWire(outcome), decision: toWire(decision) };
  }

  /**
   * Splits the order over up to `maxVenues` venues by quoted depth (SmartOrderRouter.splitOrder). The plan
   * is logged; it is not a routing.decision event, whose contract names one selected venue.
   */
  async split(input: RouteInput, maxVenues: number): Promise<SplitResult> {
    parseRoutingInput(splitVenuesSchema, { maxVenues }, "split");
    const { request, halt } = await this.prepare(input);
    const halted = await this.refuseIfHalted(request, halt);
    if (halted !== undefined) return halted;
    const restricted = this.restrict(request);
    const answer = this.router.splitOrder(restricted.request, maxVenues);
    if (answer.kind === "refused") return this.recordRefusal(request, restricted.explain(answer));
    await this.record(splitRecord(request, answer));
    return toWire({ ...answer, excluded: restricted.explainExclusions(answer.excluded) });
  }

  /** The national best bid and offer from the cached quotes of the venues trading the symbol. */
  async nbbo(symbol: string): Promise<Wire<Nbbo>> {
    const parsed = parseRoutingInput(routeRequestSchema.pick({ symbol: true }), { symbol }, "NBBO request");
    await this.ensureVenues();
    await this.loadQuotes(parsed.symbol);
    return toWire(this.router.nbbo(parsed.symbol));
  }

  /** Every eligible venue for the order, best first under its strategy, with this process's statistics. */
  async venueRankings(input: RouteInput): Promise<Wire<VenueRanking>[]> {
    const { request } = await this.prepare(input);
    return toWire(this.router.getVenueRankings(this.restrict(request).request));
  }

  /** Decisions and venue execution quality since `since`, from the log (every process's routing). */
  async statistics(since: Date): Promise<RoutingStatistics> {
    const [decisions, venues] = await Promise.all([
      countRoutingDecisions(this.options.db, since),
      summarizeVenueExecutions(this.options.db, since),
    ]);
    return { since: since.toISOString(), decisions, venues };
  }

  /**
   * Changes a venue's configuration and records who did it, in one transaction (withAudit), then applies
   * it to this process's router at once; other processes pick it up within configRefreshMs.
   */
  async configureVenue(actor: Actor, input: VenueConfigurationInput): Promise<VenueConfiguration> {
    const parsed = parseVenueInput(venueConfigurationChangeSchema, input);
    const { venueId } = parsed;
    const change = toVenueConfigurationChange(parsed);
    let before: VenueConfiguration | undefined;
    const updated = await withAudit(
      this.options.db,
      async (tx) => {
        before = await lockVenueConfiguration(tx, venueId);
        if (before === undefined) throw new RoutingServiceError("unknown_venue", `No venue ${venueId}.`);
        return updateVenueConfiguration(tx, venueId, change);
      },
      () => ({
        actorType: actor.actorType,
        actorId: actor.actorId,
        action: "venue_configuration.update",
        entityType: "venue_configuration",
        entityId: venueId,
        details: { before: toWire(changedFields(before, change)), after: toWire(change) },
        ip: actor.ip,
      }),
    );
    await this.reloadVenues();
    return updated;
  }

  /** Adds a venue (ops), audited in the same transaction, and registers it with the router at once. */
  async addVenue(actor: Actor, input: NewVenueConfigurationInput): Promise<VenueConfiguration> {
    const parsed = parseVenueInput(newVenueConfigurationSchema, input);
    const created = await withAudit(
      this.options.db,
      async (tx) => {
        if ((await lockVenueConfiguration(tx, parsed.venueId)) !== undefined) {
          throw new RoutingServiceError("duplicate_venue", `Venue ${parsed.venueId} exists already.`);
        }
        return insertVenueConfiguration(tx, toNewVenueConfiguration(parsed));
      },
      (row) => ({
        actorType: actor.actorType,
        actorId: actor.actorId,
        action: "venue_configuration.create",
        entityType: "venue_configuration",
        entityId: row.venueId,
        details: toWire(parsed),
        ip: actor.ip,
      }),
    );
    await this.reloadVenues();
    return created;
  }

  /**
   * Logs every venue whose circuit breaker changed since the last look (opened after failures, half-open
   * once its open time passed, closed by a good answer): the dashboard's breaker history. A venue's first
   * look counts from closed, the state every breaker starts in.
   */
  async recordBreakerChanges(): Promise<void> {
    const changedAt = new Date(this.now());
    const transitions = this.router.getBreakerStates().flatMap(({ venueId, state }) => {
      const before = this.breakerStates.get(venueId) ?? "closed";
      this.breakerStates.set(venueId, state);
      return before === state
        ? []
        : [
            {
              venueId,
              fromState: before,
              toState: state,
              observer: this.options.observer ?? "router",
              changedAt,
            },
          ];
    });
    await recordBreakerTransitions(this.options.db, transitions);
  }

  /**
   * Sends the routing events still queued (waiting up to CLOSE_PUBLISH_TIMEOUT_MS) and stops listening for
   * halt changes (see `listen`); the service is not used afterwards.
   */
  async close(): Promise<void> {
    const unsent = await this.events.close(CLOSE_PUBLISH_TIMEOUT_MS);
    if (unsent > 0) {
      this.options.logger?.error(
        { err: this.events.lastFailure, unsent },
        "routing events left unpublished at close (their decisions are logged)",
      );
    }
    await this.halts?.close();
  }

  /** Reads venue_configurations now and applies it to the router. */
  async reloadVenues(): Promise<void> {
    const configs = await listVenueConfigurations(this.options.db);
    const registered = this.applyConfigurations(configs);
    await this.learnLoggedFills(registered);
    this.loadedAt = this.now();
  }

  /**
   * A dark pool registered afresh (this process starting, or the venue reconfigured) takes up the fills
   * of its newest logged child orders, every router's, as the dashboard's curve does: the hidden liquidity
   * `smart` learned (Ganchev et al.'s censored estimate) is not lost to a restart.
   */
  private async learnLoggedFills(venueIds: readonly string[]): Promise<void> {
    const dark = venueIds.filter((venueId) => this.venues.get(venueId)?.config.venueType === "dark_pool");
    await Promise.all(
      dark.map(async (venueId) => {
        const newestFirst = await listFillObservations(this.options.db, {
          venueIds: [venueId],
          limit: DEFAULT_LIQUIDITY_OPTIONS.window,
        });
        this.router.learnFills(
          venueId,
          newestFirst
            .reverse()
            .map((fill) => ({ requested: Number(fill.requested), filled: Number(fill.executed) })),
        );
      }),
    );
  }

  /**
   * The parsed request, with any active halt covering it and then the market loaded: the quotes are read
   * after the halt lookup, not beside it, since a lookup that waits on the database (a halt reload behind
   * a long transaction) would age them past the router's TTL and the order would be refused as unquoted.
   */
  private async prepare(input: RouteInput): Promise<{ request: RouteRequest; halt: HaltRow | undefined }> {
    const request = parseRouteInput(input);
    await this.ensureVenues();
    const halt = await this.findHalt({ userId: request.userId, symbol: request.symbol });
    await this.loadQuotes(request.symbol);
    return { request, halt };
  }

  private async ensureVenues(): Promise<void> {
    if (this.now() - this.loadedAt < this.configRefreshMs) return;
    this.loading ??= this.reloadVenues().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  /**
   * Registers enabled venues, drops disabled or deleted ones, and registers a changed venue afresh: a
   * reconfigured venue (other fees, symbols or latency) starts again from its configured priors and a
   * closed breaker, and its cached quotes go with the old registration. Returns the venues registered.
   */
  private applyConfigurations(configs: readonly VenueConfiguration[]): string[] {
    const registered: string[] = [];
    const seen = new Set<string>();
    for (const config of configs) {
      seen.add(config.venueId);
      const loaded = this.venues.get(config.venueId);
      if (loaded !== undefined && loaded.config.updatedAt.getTime() === config.updatedAt.getTime()) continue;
      if (loaded !== undefined) this.router.unregisterVenue(config.venueId);
      this.venues.delete(config.venueId);
      if (!config.enabled) continue;
      const venue = new ConfiguredVenue(config, this.options.gateway);
      this.router.registerVenue(venue, {
        fillRate: DEFAULT_PRIORS[config.venueType].fillRate,
        latencyMs: config.expectedLatencyMs,
      });
      this.venues.set(config.venueId, { config, venue });
      registered.push(config.venueId);
    }
    for (const venueId of [...this.venues.keys()]) {
      if (!seen.has(venueId)) {
        this.router.unregisterVenue(venueId);
        this.venues.delete(venueId);
      }
    }
    return registered;
  }

  /**
   * Feeds the router the cached quotes of the venues that trade the symbol. A dark pool publishes no quote
   * and crosses at the NBBO midpoint: it is given an empty, undisplayed quote of now, which the router
   * prices at the midpoint.
   */
  private async loadQuotes(symbol: string): Promise<void> {
    const trading = [...this.venues.values()].filter(({ config }) => tradesSymbol(config, symbol));
    const lit = trading.filter(({ config }) => config.venueType !== "dark_pool");
    const quotes = await this.readLitQuotes(
      symbol,
      lit.map(({ config }) => config.venueId),
    );
    const now = this.now();
    for (const quote of quotes) this.router.onQuote(quote);
    for (const { config } of trading) {
      if (config.venueType === "dark_pool") {
        this.router.onQuote({
          venueId: config.venueId,
          symbol,
          bids: [],
          asks: [],
          displayed: false,
          timestamp: now,
        });
      }
    }
  }

  /**
   * Venues whose configured order size the order is outside of are excluded for it (through the
   * request's excludedVenues, the router's only per-order venue filter); the decision then says why in
   * the venue's own words rather than "excluded by the order".
   */
  private restrict(request: RouteRequest) {
    const sizeLimits = new Map<string, string>();
    for (const { config } of this.venues.values()) {
      const detail = sizeProblem(config, request.quantity);
      if (detail !== undefined) sizeLimits.set(config.venueId, detail);
    }
    const own = new Set(request.constraints?.excludedVenues ?? []);
    const limited = [...sizeLimits.keys()].filter((venueId) => !own.has(venueId));
    const explainExclusions = (excluded: VenueExclusion[]): VenueExclusion[] =>
      excluded.map((e) =>
        e.reason === "excluded_venue" && !own.has(e.venueId) && sizeLimits.has(e.venueId)
          ? { ...e, detail: sizeLimits.get(e.venueId) ?? e.detail }
          : e,
      );
    return {
      request:
        limited.length === 0
          ? request
          : {
              ...request,
              constraints: { ...request.constraints, excludedVenues: [...own, ...limited] },
            },
      explainExclusions,
      explain: (refusal: RoutingRefusal): RoutingRefusal => {
        let reason = refusal.reason;
        for (const venueId of limited) {
          reason = reason.replace(
            `${venueId}: excluded by the order`,
            `${venueId}: ${sizeLimits.get(venueId)}`,
          );
        }
        return { ...refusal, reason, excluded: explainExclusions(refusal.excluded) };
      },
      explainDecision: (decision: RoutingDecision): RoutingDecision => ({
        ...decision,
        excluded: explainExclusions(decision.excluded),
      }),
    };
  }

  private async refuseIfHalted(
    request: RouteRequest,
    halt: HaltRow | undefined,
  ): Promise<HaltedOrder | undefined> {
    if (halt === undefined) return undefined;
    const decisionId = this.newId();
    await this.record(haltedRecord(decisionId, request, halt, new Date(this.now())));
    return {
      kind: "halted",
      decisionId,
      orderId: request.orderId,
      symbol: request.symbol,
      haltId: halt.id,
      haltScope: halt.scope,
      reason: haltReason(halt),
    };
  }

  private async recordRefusal(
    request: RouteRequest,
    refusal: RoutingRefusal,
  ): Promise<Wire<RoutingRefusal> & { decisionId: string; nbbo: Wire<Nbbo> }> {
    const decisionId = this.newId();
    const nbbo = this.router.nbbo(request.symbol);
    await this.record(refusedRecord(decisionId, request, refusal, nbbo));
    return { ...toWire(refusal), decisionId, nbbo: toWire(nbbo) };
  }

  /**
   * Logged together with the decisions of concurrent requests (tick-batcher.ts); resolves once committed.
   * A failure names the order and keeps the database's error as its cause, out of the answer: that message
   * quotes the whole statement with its parameters.
   */
  private async record(decision: NewRoutingDecision, executions: NewExecutionLog[] = []): Promise<void> {
    try {
      await this.records.add("routing_decisions", [{ decision, executions }]);
    } catch (error) {
      throw new Error(
        `The routing decision for order ${decision.orderId} could not be logged, so it was not published.`,
        { cause: error },
      );
    }
  }

  /**
   * Keyed by symbol like every contract event (docs/events.md "Conventions"), and sent off the request's
   * path: the answer waits for the decision's commit, not for the broker as well (a third round trip on
   * every order, about a fifth of the API's latency). Only what is logged is published, in the order it
   * was logged per topic; a broker that refuses delays the events and loses none (BackgroundPublisher).
   */
  private publishInBackground(decision: ContractEvent, executions: readonly ContractEvent[] = []): void {
    const message = (event: ContractEvent) => ({ key: event.symbol, value: encodeEvent(event) });
    this.events.publish(TOPICS.routingDecisions, [message(decision)]);
    this.events.publish(TOPICS.routingExecutions, executions.map(message));
  }

  /** Refuses orders while the broker has left more routing events waiting than this process holds. */
  private refuseWhileUnpublished(): void {
    if (this.events.accepting) return;
    const failure = this.events.lastFailure;
    throw new RoutingServiceError(
      "unavailable",
      `Routing is paused: ${this.events.pending} routing events wait for the event bus` +
        (failure instanceof Error ? ` (${failure.message}).` : "."),
    );
  }
}

function tradesSymbol(config: VenueConfiguration, symbol: string): boolean {
  return config.supportedSymbols.length === 0 || config.supportedSymbols.includes(symbol);
}

function sizeProblem(config: VenueConfiguration, quantity: Decimal): string | undefined {
  if (config.maxOrderSize !== null && quantity.gt(config.maxOrderSize)) {
    return `order of ${quantity.toFixed()} shares above the venue's maximum ${config.maxOrderSize.toFixed()}`;
  }
  if (config.minOrderSize !== null && quantity.lt(config.minOrderSize)) {
    return `order of ${quantity.toFixed()} shares below the venue's minimum ${config.minOrderSize.toFixed()}`;
  }
  return undefined;
}

/** The strategy with venue priority as its last tie-break (see PRIORITY_WEIGHT). */
function withPriority(strategy: RoutingStrategy, priorityOf: (venueId: string) => number): RoutingStrategy {
  return {
    name: strategy.name,
    accepts: (candidate) => strategy.accepts(candidate),
    score: (candidate, context) => strategy.score(candidate, context),
    tieBreak: (candidate) =>
      (strategy.tieBreak?.(candidate) ?? 0) - priorityOf(candidate.venueId) * PRIORITY_WEIGHT,
    explain: (candidate) => strategy.explain(candidate),
  };
}

/** The input as the schema reads it, or a refusal naming the first bad field. */
function parseVenueInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const field = issue?.path.map(String).join(".") || "input";
  throw new RoutingServiceError("invalid", `${field}: ${issue?.message ?? "invalid"}`);
}

/** The changed fields' values before the change, for the audit row. */
function changedFields(before: VenueConfiguration | undefined, change: object): Record<string, unknown> {
  if (before === undefined) return {};
  return Object.fromEntries(
    Object.keys(change).map((key) => [key, (before as Record<string, unknown>)[key]]),
  );
}
