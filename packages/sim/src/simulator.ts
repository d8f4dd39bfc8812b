import type { ConsumedEvent } from "@nexus/core/events";
import type { SurveillanceReferenceData } from "@nexus/core/surveillance";
import type { Agent, AgentMarket, Population, SimulatedUser } from "./agents/agent";
import { benignPopulation } from "./agents/benign-population";
import type { TraderCounts } from "./agents/benign-population";
import { isCompleteBar } from "./bars";
import type { DailyBar } from "./bars";
import { symbolDayOf } from "./day-path";
import type { SymbolDay } from "./day-path";
import type { ManipulationLabel } from "./manipulation/label";
import { manipulationPopulation } from "./manipulation/population";
import type { ManipulationOptions } from "./manipulation/population";
import { SeededRandom } from "./random";
import { simulatedReferenceData } from "./reference-data";
import { ActionSchedule } from "./schedule";
import { SymbolMarket } from "./symbol-market";

export interface MarketSimulatorOptions {
  /** Daily bars (e.g. loadSampleBars().bars); each simulated day replays one date of them. */
  bars: readonly DailyBar[];
  /** Symbols to trade; default every symbol in bars. */
  symbols?: readonly string[];
  /** Same seed, same options: the same events, ids included. */
  seed: number;
  /** occurred_at of the first session's open; event times only ever come from here, never the wall clock. */
  startTime: Date | number;
  traders?: TraderCounts;
  /** Mean events per simulated second over all symbols (default 100). */
  eventsPerSecond?: number;
  /** Simulated length of one trading day (default 6.5 h, 09:30-16:00); days follow each other without gaps. */
  dayDurationMs?: number;
  /** First date to replay (default the first date in bars); after the last date the replay starts over. */
  fromDate?: string;
  /** venue_id on orders, trades and quotes (default "SIM"). */
  venueId?: string;
  /** Further agents, built on this simulator's random stream. */
  extraPopulations?: (random: SeededRandom) => readonly Population[];
  /** Inject labelled manipulation of the six surveillance patterns (off by default). */
  manipulation?: ManipulationOptions;
}

export interface MarketSimulator {
  next(): ConsumedEvent;
  take(count: number): ConsumedEvent[];
  /**
   * The next events stamped before `epochMs`, at most `limit` of them: what a clock-paced feed publishes
   * once simulated time reaches `epochMs`.
   */
  takeBefore(epochMs: number, limit: number): ConsumedEvent[];
  simulatedUsers(): readonly SimulatedUser[];
  /** The bar date being replayed. */
  currentDate(): string;
  /**
   * Which date is replayed at simulator time `epochMs` (not before startTime), and how far into its
   * session: the historical clock a person watching the session reads.
   */
  replayedAt(epochMs: number): { date: string; msIntoSession: number };
  /**
   * Ground truth of the manipulation episodes so far, those still running included with what they did
   * up to now ([] without the manipulation option).
   */
  labels(): readonly ManipulationLabel[];
  /** Pairs of linked accounts (common control) to give surveillance ([] without the manipulation option). */
  relatedAccounts(): ReadonlyArray<readonly [string, string]>;
  /** Who is who among the simulated users (market makers, desks, beneficial owners): see simulatedReferenceData. */
  referenceData(): SurveillanceReferenceData;
}

const DEFAULT_DAY_MS = 6.5 * 60 * 60 * 1000;
/** Measured over the sample data with the default population: events per agent action and trades per action. */
const EVENTS_PER_ACTION = 2.2;
const TRADES_PER_ACTION = 0.3;
const ROUND_LOT = 100;

/** A calendar entry: an agent's next Poisson-timed action, or a follow-up step it asked for (AgentMarket.after). */
type ScheduledStep =
  | { kind: "action"; agent: Agent; market: SymbolMarket; ratePerMs: number }
  | { kind: "follow-up"; agent: Agent; market: SymbolMarket; step: (market: AgentMarket) => void };

/**
 * A deterministic market: agents act at Poisson times (rates from each day's volume), their orders
 * trade in a per-symbol book, and every action's events (orders, trades, quotes) come out in time order.
 * The sequence never ends: after the last date the bars are replayed again, with times still increasing.
 */
export function createMarketSimulator(options: MarketSimulatorOptions): MarketSimulator {
  const random = new SeededRandom(options.seed);
  const startMs = options.startTime instanceof Date ? options.startTime.getTime() : options.startTime;
  const dayMs = options.dayDurationMs ?? DEFAULT_DAY_MS;
  const eventsPerSecond = options.eventsPerSecond ?? 100;
  const venueId = options.venueId ?? "SIM";
  if (!Number.isFinite(startMs)) throw new Error("startTime: expected a valid Date or epoch milliseconds");
  if (!(dayMs >= 1000)) throw new Error("dayDurationMs: expected at least 1000");
  if (!(eventsPerSecond > 0)) throw new Error("eventsPerSecond: expected a positive number");

  const barsByDate = groupBarsByDate(options.bars, options.symbols);
  const dates = [...barsByDate.keys()].sort();
  const firstDateIndex = dates.findIndex((date) => date >= (options.fromDate ?? ""));
  if (dates.length === 0) throw new Error("bars: no usable bar for the chosen symbols");
  if (firstDateIndex < 0) throw new Error(`fromDate: no bars on or after ${options.fromDate ?? ""}`);
  let dateIndex = firstDateIndex;

  const benign = benignPopulation(random, options.traders);
  const manipulation =
    options.manipulation === undefined ? undefined : manipulationPopulation(random, options.manipulation);
  const populations = [
    benign,
    ...(manipulation === undefined ? [] : [manipulation]),
    ...(options.extraPopulations?.(random) ?? []),
  ];
  const users = populations.flatMap((population) => population.users);
  const output: ConsumedEvent[] = [];
  let outputHead = 0;
  const emit = (event: ConsumedEvent): void => void output.push(event);

  const schedule = new ActionSchedule<ScheduledStep>();
  let dayNumber = -1;
  let dayStart = 0;
  let now = 0;
  let activeMarkets: SymbolMarket[] = [];

  const symbols = [...new Set(options.symbols ?? options.bars.map((bar) => bar.symbol))].sort();
  const markets = new Map<string, { market: SymbolMarket; agents: Agent[] }>(
    symbols.map((symbol) => {
      const market: SymbolMarket = new SymbolMarket(symbol, random, venueId, emit, (agent, delayMs, step) =>
        schedule.push(now + delayMs, { kind: "follow-up", agent, market, step }),
      );
      return [symbol, { market, agents: populations.flatMap((population) => population.agentsFor(symbol)) }];
    }),
  );
  const beginAction = (market: SymbolMarket, agent: Agent, at: number): void => {
    now = at;
    market.beginAction(agent, startMs + at, (at - dayStart) / dayMs, dayStart + dayMs - at);
  };

  const startNextDay = (): void => {
    dayNumber += 1;
    dayStart = dayNumber * dayMs;
    if (dayNumber > 0) dateIndex = (dateIndex + 1) % dates.length;
    const days = barsByDate.get(dates[dateIndex] ?? "") ?? [];
    const weights = days.map((day) => Math.sqrt(day.bar.close.toNumber() * day.bar.volume));
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    const actionsPerMs = eventsPerSecond / EVENTS_PER_ACTION / 1000;
    activeMarkets = [];
    days.forEach((day, index) => {
      const entry = markets.get(day.bar.symbol);
      if (entry === undefined) return;
      const symbolRate = (actionsPerMs * (weights[index] ?? 0)) / totalWeight;
      entry.market.startDay(day, typicalSizeFor(day, symbolRate * dayMs));
      activeMarkets.push(entry.market);
      const totalAgentWeight = entry.agents.reduce((sum, agent) => sum + agent.activityWeight, 0);
      for (const agent of entry.agents) {
        const ratePerMs = (symbolRate * agent.activityWeight) / totalAgentWeight;
        beginAction(entry.market, agent, dayStart);
        agent.startDay(entry.market);
        entry.market.endAction();
        if (ratePerMs > 0)
          schedule.push(dayStart + random.exponential(ratePerMs), {
            kind: "action",
            agent,
            market: entry.market,
            ratePerMs,
          });
      }
    });
  };

  const endDay = (): void => {
    const closeAt = isoAt(startMs + dayStart + dayMs - 1);
    for (const market of activeMarkets) market.expireDay(closeAt);
    schedule.clear();
  };

  const step = (): void => {
    const scheduled = schedule.pop();
    if (scheduled === undefined || scheduled.at >= dayStart + dayMs) {
      endDay();
      startNextDay();
      return;
    }
    const item = scheduled.item;
    beginAction(item.market, item.agent, scheduled.at);
    if (item.kind === "follow-up") {
      item.step(item.market);
      item.market.endAction();
      return;
    }
    item.agent.act(item.market);
    item.market.endAction();
    schedule.push(scheduled.at + random.exponential(item.ratePerMs), item);
  };

  startNextDay();

  const peek = (): ConsumedEvent => {
    while (outputHead >= output.length) {
      output.length = 0;
      outputHead = 0;
      step();
    }
    const event = output[outputHead];
    if (event === undefined) throw new Error("simulator output queue corrupt");
    return event;
  };
  const next = (): ConsumedEvent => {
    const event = peek();
    outputHead += 1;
    return event;
  };

  return {
    next,
    take: (count) => Array.from({ length: count }, next),
    takeBefore(epochMs, limit) {
      const events: ConsumedEvent[] = [];
      while (events.length < limit && Date.parse(peek().occurred_at) < epochMs) events.push(next());
      return events;
    },
    simulatedUsers: () => users,
    currentDate: () => dates[dateIndex] ?? "",
    replayedAt(epochMs) {
      const elapsed = Math.max(0, epochMs - startMs);
      const day = Math.floor(elapsed / dayMs);
      return {
        date: dates[(firstDateIndex + day) % dates.length] ?? "",
        msIntoSession: elapsed - day * dayMs,
      };
    },
    labels: () => manipulation?.labels() ?? [],
    relatedAccounts: () => manipulation?.relatedAccounts() ?? [],
    referenceData: () => simulatedReferenceData(populations),
  };
}

/** The dates a simulator over these bars (and symbols) can replay, oldest first. */
export function replayDates(bars: readonly DailyBar[], symbols?: readonly string[]): string[] {
  return [...groupBarsByDate(bars, symbols).keys()].sort();
}

/**
 * Bars by date for the chosen symbols. A day is replayed from its open, high, low and volume, so a bar
 * lacking one of them or with an inconsistent range is left out (its issues say why), and so are days
 * whose range holds no whole cent, which cannot be quoted.
 */
function groupBarsByDate(
  bars: readonly DailyBar[],
  symbols: readonly string[] | undefined,
): Map<string, SymbolDay[]> {
  const wanted = symbols === undefined ? undefined : new Set(symbols);
  if (wanted !== undefined) {
    const known = new Set(bars.map((bar) => bar.symbol));
    const unknown = [...wanted].filter((symbol) => !known.has(symbol));
    if (unknown.length > 0) throw new Error(`symbols: no bars for ${unknown.join(", ")}`);
  }
  const byDate = new Map<string, SymbolDay[]>();
  for (const bar of bars) {
    if ((wanted !== undefined && !wanted.has(bar.symbol)) || !isCompleteBar(bar)) continue;
    const day = symbolDayOf(bar);
    if (day.lowTicks > day.highTicks) continue;
    const days = byDate.get(bar.date);
    if (days === undefined) byDate.set(bar.date, [day]);
    else days.push(day);
  }
  return byDate;
}

/** Size that makes the expected number of trades add up to the bar's volume; round lots once past 100 shares. */
function typicalSizeFor(day: SymbolDay, expectedActions: number): number {
  const size = day.bar.volume / Math.max(1, expectedActions * TRADES_PER_ACTION);
  return size >= ROUND_LOT ? Math.round(size / ROUND_LOT) * ROUND_LOT : Math.max(1, Math.round(size));
}

function isoAt(epochMs: number): string {
  return new Date(Math.floor(epochMs)).toISOString();
}
