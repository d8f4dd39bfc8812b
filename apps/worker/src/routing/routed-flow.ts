/**
 * The embedded default's client order flow, routed: the firm's customers among the simulated session's
 * benign participants (its noise traders, who also trade on the simulated market itself) and the demo's
 * traders (portfolio/demo-holders.ts, building and tending their books) send orders, each goes through the
 * RoutingService (halts, the router's strategies, failover across the simulated venues and the internal
 * matching engine), so routing_decisions and execution_logs fill and routing.decisions /
 * routing.executions are published as in production. Each order is published as the order.created its
 * sender entered and each fill as the trade.executed the venue reported (docs/events.md), which the
 * positions (and so the traders' VaR), surveillance and the screens consume like any other flow.
 *
 * The venues quote around the simulated market: the simulator's quotes (marketdata.quotes, read in a
 * group of its own) set their reference prices, and their tops of book go to the quote stores every
 * QUOTE_REFRESH_MS, where the worker's router (the cache) and the web server's (the cache when shared,
 * else the database) read them.
 */
import { Decimal } from "@nexus/core/money";
import { TOPICS, type ConsumedEvent, type OrderEvent, type QuoteEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import type { Consumer, EventBus } from "@nexus/platform/bus";
import type { Cache } from "@nexus/platform/cache";
import type { Logger } from "@nexus/platform/logger";
import {
  RoutingService,
  RoutingServiceError,
  cacheQuoteStore,
  databaseQuoteStore,
  type ExecuteResult,
  type RouteInput,
  type RoutingServiceOptions,
} from "@nexus/services/routing";
import { SeededRandom, nextHolderOrder } from "@nexus/sim";
import { toTopicMessages } from "../sim-feed.js";
import { decodeQuote } from "./quote-cache-consumer.js";
import { HOUSE_DESK_USER_ID, INTERNAL_VENUE_ID, SimulatedVenues } from "./simulated-venues.js";

/** Under the router's 500 ms quote TTL with room for a database round trip. */
const QUOTE_REFRESH_MS = 250;
const BREAKER_CHECK_MS = 1_000;
/**
 * Each demo trader takes a turn a second, in the next symbol of its book: a book of eight builds within
 * a quarter of a minute or so, then a trim or add every few seconds keeps its positions and VaR moving.
 */
const HOLDER_TURN_MS = 1_000;
const SIZES = [100, 200, 300, 500, 800, 1_000, 2_000, 5_000];
/** The share of client orders that are not held. */
const NOT_HELD_SHARE = 0.1;

/** How often each strategy is asked for, per 100 orders: most flow is `smart`; every strategy shows. */
const STRATEGY_MIX: readonly [string, number][] = [
  ["smart", 35],
  ["best_price", 15],
  ["lowest_cost", 15],
  ["internalize", 15],
  ["fastest", 10],
  ["external", 10],
];
const STRATEGY_DRAW = STRATEGY_MIX.flatMap(([name, weight]) => Array.from({ length: weight }, () => name));
const TICK = new Decimal("0.01");
const SIMULATOR_ACTOR = { actorType: "system" as const, actorId: "simulator", ip: null };

export interface RoutedFlowOptions {
  bus: EventBus;
  db: Database;
  /** The worker's cache: Redis with REDIS_URL (then the quotes are shared there), else its memory. */
  cache: Cache;
  /** Whether the cache is shared (Redis); if not, quotes are mirrored to the database for the web server. */
  sharedCache: boolean;
  /**
   * LISTEN on the database, so the router holds the active halts in memory (halt-snapshot.ts) instead of
   * querying them per order: on the embedded database such a query waits behind any transaction in
   * progress, and the quotes read beside it age past the router's TTL meanwhile (the order is refused).
   */
  listen?: RoutingServiceOptions["listen"];
  seed: number;
  logger: Logger;
  groupId: string;
  /** The firm's customers, whose orders `ordersPerSecond` sends (the simulated session's noise traders). */
  clients: readonly string[];
  /** The customers' orders a second (0: none). */
  ordersPerSecond: number;
  /** Traders who build and tend a book through the router (the embedded demo's). */
  holders?: readonly BookHolder[];
  now?: () => number;
}

/** A trader whose book the routed flow builds and tends (nextHolderOrder of @nexus/sim decides each turn). */
export interface BookHolder {
  userId: string;
  /** The book's symbols, each traded once the simulated market quotes it. */
  symbols: readonly string[];
  /** Money aimed at per symbol. */
  targetValue: number;
  /** Shares held per symbol at the start. */
  held: ReadonlyMap<string, number>;
}

export interface RoutedFlow {
  venues: SimulatedVenues;
  routing: RoutingService;
  /**
   * Who is on the other side of the routed fills: the house desk (the internal venue's resting orders) and
   * each external venue's anonymous liquidity. They only quote, so surveillance knows them as market
   * makers: a customer who buys from a venue's book and later sells back to it has made no round trip
   * with one counterparty.
   */
  counterparties: readonly string[];
  stop(): Promise<void>;
}

export async function startRoutedFlow(options: RoutedFlowOptions): Promise<RoutedFlow> {
  const now = options.now ?? Date.now;
  const timer = {
    after(ms: number, callback: () => void) {
      const handle = setTimeout(callback, ms);
      return () => clearTimeout(handle);
    },
  };
  const venues = new SimulatedVenues({ seed: options.seed, now, timer });
  const quoteStore = cacheQuoteStore(options.cache);
  // The web server's copy when the cache is this process's memory: written on a task of its own, since
  // a write waits for whatever transaction holds the embedded database (the first start's bar import
  // holds it for seconds at a time), and the router's own quotes must not age with it (500 ms TTL).
  const sharedQuotes = options.sharedCache ? undefined : databaseQuoteStore(options.db);
  const routing = new RoutingService({
    db: options.db,
    bus: options.bus,
    logger: options.logger,
    cache: options.cache,
    quoteStore,
    ...(options.listen === undefined ? {} : { listen: options.listen }),
    gateway: venues.gateway(),
    observer: "worker",
    now,
    timer,
  });
  await seedVenues(routing, venues);

  const random = new SeededRandom(options.seed + 100);
  const { clients } = options;
  const streetUsers = new Map(venues.external.map((venue) => [venue.venueId, random.uuid()]));
  const references = new Map<string, { bid: Decimal; ask: Decimal }>();

  const quotes: Consumer = await options.bus.subscribe<QuoteEvent | null>({
    groupId: options.groupId,
    topics: [TOPICS.marketdataQuotes],
    fromBeginning: false,
    decode: decodeQuote,
    handleBatch: (deliveries) => {
      for (const { value } of deliveries) {
        if (value === null) continue;
        const bid = new Decimal(value.bid_price);
        const ask = new Decimal(value.ask_price);
        // A one-sided or crossed simulated book gives no reference to quote around.
        if (value.bid_size === "0" || value.ask_size === "0" || !ask.gt(bid)) continue;
        references.set(value.symbol, { bid, ask });
        venues.setReference(value.symbol, bid, ask);
      }
      return Promise.resolve();
    },
  });

  /** Publishes the order as entered, routes it, publishes its fills as trades; the shares filled. */
  const send = async (intent: OrderIntent): Promise<number> => {
    const order = routedOrder(random, intent, now());
    await options.bus.publish(TOPICS.ordersCreated, [...toTopicMessages([order.event]).values()].flat());
    const result = await routing.routeAndExecute(order.input);
    const trades = tradesOf(result, order.event, venues, streetUsers, random, now());
    for (const [topic, messages] of toTopicMessages(trades)) await options.bus.publish(topic, messages);
    return result.kind === "executed" ? Number(result.filledQuantity) : 0;
  };

  const sendClientOrder = async (): Promise<void> => {
    const symbols = [...references.keys()];
    if (symbols.length === 0 || clients.length === 0) return;
    const symbol = random.pick(symbols);
    const market = references.get(symbol);
    if (market === undefined) return;
    await send(clientIntent(random, clients, symbol, market));
  };

  const holders = (options.holders ?? []).map((holder) => ({
    ...holder,
    held: new Map(holder.held),
    turn: 0,
  }));
  // Each holder's turn in the next symbol of its book; one not quoted yet waits for the next round.
  const takeHolderTurns = async (): Promise<void> => {
    for (const holder of holders) {
      const symbol = holder.symbols[holder.turn++ % holder.symbols.length] ?? "";
      const market = references.get(symbol);
      if (market === undefined) continue;
      const held = holder.held.get(symbol) ?? 0;
      const price = market.bid.plus(market.ask).div(2).toNumber();
      const order = nextHolderOrder({ held, price, targetValue: holder.targetValue }, random);
      if (order === undefined) continue;
      const filled = await send({
        userId: holder.userId,
        symbol,
        ...order,
        limit: null,
        strategy: "smart",
        handling: "held",
      });
      holder.held.set(symbol, held + (order.side === "buy" ? filled : -filled));
    }
  };

  // Each task on its own, skipping a tick while it still runs: a slow route call never holds back the
  // quotes (their TTL is under a second), and nothing piles up behind a slow database.
  const runners: { running?: Promise<void> }[] = [];
  const every = (ms: number, what: string, task: () => Promise<void>) => {
    const runner: { running?: Promise<void> } = {};
    runners.push(runner);
    return setInterval(() => {
      runner.running ??= task()
        .catch((error: unknown) => options.logger.warn({ err: error }, `routed flow could not ${what}`))
        .finally(() => {
          runner.running = undefined;
        });
    }, ms);
  };
  const timers = [
    every(QUOTE_REFRESH_MS, "store venue quotes", () => quoteStore.write(venues.quotes())),
    ...(sharedQuotes === undefined
      ? []
      : [every(QUOTE_REFRESH_MS, "share venue quotes", () => sharedQuotes.write(venues.quotes()))]),
    every(BREAKER_CHECK_MS, "record breaker changes", () => routing.recordBreakerChanges()),
    ...(options.ordersPerSecond > 0
      ? [every(1000 / options.ordersPerSecond, "route a client order", sendClientOrder)]
      : []),
    ...(holders.length > 0 ? [every(HOLDER_TURN_MS, "route a trader's order", takeHolderTurns)] : []),
  ];
  options.logger.info(
    {
      ordersPerSecond: options.ordersPerSecond,
      customers: clients.length,
      traders: holders.length,
      venues: venues.configurations().length,
    },
    "routing the customers' and the demo traders' orders",
  );
  return {
    venues,
    routing,
    counterparties: [HOUSE_DESK_USER_ID, ...streetUsers.values()],
    async stop() {
      for (const handle of timers) clearInterval(handle);
      await quotes.stop();
      await Promise.all(runners.map((runner) => runner.running));
    },
  };
}

/** Adds the simulated venues that venue_configurations lacks, each audited as the simulator's change. */
async function seedVenues(routing: RoutingService, venues: SimulatedVenues): Promise<void> {
  for (const venue of venues.configurations()) {
    try {
      await routing.addVenue(SIMULATOR_ACTOR, venue);
    } catch (error) {
      // Seeded on an earlier start, or added by ops meanwhile: theirs stays as it is.
      if (!(error instanceof RoutingServiceError && error.problem === "duplicate_venue")) throw error;
    }
  }
}

/** What a sender asks for; routedOrder gives it its ids and wire forms. */
interface OrderIntent {
  userId: string;
  symbol: string;
  side: "buy" | "sell";
  quantity: number;
  /** null: a market order. */
  limit: Decimal | null;
  strategy: string;
  handling: "held" | "not_held";
}

/**
 * A client order: a side, a size of 100 to 5,000 shares, a strategy from the mix, and
 * three in four a marketable limit two ticks through the far touch, the others market orders. One in
 * ten is not held (the client left price and time to the desk), so the Rule 606(b)(3) report has orders.
 */
function clientIntent(
  random: SeededRandom,
  clients: readonly string[],
  symbol: string,
  market: { bid: Decimal; ask: Decimal },
): OrderIntent {
  const side = random.chance(0.5) ? ("buy" as const) : ("sell" as const);
  const quantity = random.pick(SIZES);
  const limit = random.chance(0.75)
    ? side === "buy"
      ? market.ask.plus(TICK.times(2))
      : market.bid.minus(TICK.times(2))
    : null;
  return {
    userId: random.pick(clients),
    symbol,
    side,
    quantity,
    limit,
    strategy: random.pick(STRATEGY_DRAW),
    handling: random.chance(NOT_HELD_SHARE) ? "not_held" : "held",
  };
}

/** The order as its sender entered it (order.created, an immediate-or-cancel agency order) and as routed. */
function routedOrder(
  random: SeededRandom,
  { userId, symbol, side, quantity, limit, strategy, handling }: OrderIntent,
  at: number,
): { event: OrderEvent; input: RouteInput } {
  const orderId = random.uuid();
  const event: OrderEvent = {
    event_id: random.uuid(),
    event_type: "order.created",
    occurred_at: new Date(at).toISOString(),
    order_id: orderId,
    user_id: userId,
    symbol,
    side,
    order_type: limit === null ? "market" : "limit",
    price: limit === null ? null : limit.toFixed(2),
    quantity: String(quantity),
    capacity: "agency",
    time_in_force: "ioc",
  };
  return {
    event,
    input: {
      orderId,
      userId,
      symbol,
      side,
      quantity: String(quantity),
      limitPrice: limit === null ? null : limit.toFixed(2),
      strategy,
      handling,
    },
  };
}

/** One trade.executed per fill the venues reported, the client's order against the venue's liquidity. */
function tradesOf(
  result: ExecuteResult,
  order: OrderEvent,
  venues: SimulatedVenues,
  streetUsers: ReadonlyMap<string, string>,
  random: SeededRandom,
  at: number,
): ConsumedEvent[] {
  if (result.kind !== "executed") return [];
  const buy = order.side === "buy";
  return result.attempts.flatMap((attempt) => {
    const answer = venues.takeAnswer(attempt.childOrderId);
    if (answer === undefined) return [];
    const counterparty =
      answer.venueId === INTERNAL_VENUE_ID ? HOUSE_DESK_USER_ID : (streetUsers.get(answer.venueId) ?? "");
    return answer.report.fills.map((fill): ConsumedEvent => {
      const counterOrder = random.uuid();
      return {
        event_id: random.uuid(),
        event_type: "trade.executed",
        occurred_at: new Date(at).toISOString(),
        trade_id: random.uuid(),
        symbol: order.symbol,
        price: fill.price.toFixed(),
        quantity: fill.quantity.toFixed(),
        buy_order_id: buy ? order.order_id : counterOrder,
        sell_order_id: buy ? counterOrder : order.order_id,
        buy_user_id: buy ? order.user_id : counterparty,
        sell_user_id: buy ? counterparty : order.user_id,
        aggressor_side: order.side,
        venue_id: answer.venueId,
      };
    });
  });
}
