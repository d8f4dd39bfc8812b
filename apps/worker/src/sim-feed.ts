/**
 * The live flow of the simulated session: the market simulator replays one real trading day of the
 * shipped bars (SIM_DAY) for the demo's symbols, and this feed publishes its events as the session's
 * clock reaches them, the clock running at `speed` times the wall clock (pause, resume and speed change
 * it while running). The ingest path, the engines and the screens see the same traffic they would from
 * Kafka.
 *
 * Event times are the wall-clock moments the session reaches them, not the historical day's: the day's
 * bars set the prices and the activity, while everything that measures time against "now" (the alert
 * queue's today, windows rebuilt from stored events, the routed flow's own wall-clock orders, VaR and
 * venue statistics of today) keeps working. So at 10x an episode lasting 10 simulated seconds takes one
 * second of event time; the session's historical clock is reported in `state()`.
 */
import { encodeEvent, eventKey, topicOf } from "@nexus/core/events";
import type { ConsumedEvent } from "@nexus/core/events";
import type { EventBus, OutgoingMessage } from "@nexus/platform/bus";
import type { SurveillanceReferenceData } from "@nexus/core/surveillance";
import type { Logger } from "@nexus/platform/logger";
import type { SimulationState } from "@nexus/services/simulation";
import {
  DEMO_SYMBOLS,
  SessionClock,
  createMarketSimulator,
  defaultReplayDay,
  loadDailyBars,
  replayDates,
  replayDayProblem,
  sessionOpenMs,
} from "@nexus/sim";
import { ThroughputWindow } from "./metrics/throughput.js";

/** How far the flow may outrun the starting rate after a speed-up before the clock is held back. */
const MAX_RATE_FACTOR = 20;

/**
 * The session's first wall-clock minute attempts manipulation episodes at this intensity at least: the
 * first alert waits for the first episode that completes, a Poisson wait, and someone who has just
 * started the product should see alerts within a minute (issue 15). After a worker's start the first
 * came at 15-44 s at 10 (once 64 s in CI), 7-28 s at 25 (once 58 s from `npm start` in the living-product
 * test), 13-16 s at 50. The steady intensity after it keeps episodes to the "one every few
 * minutes".
 */
const OPENING_INTENSITY = 50;
const OPENING_WALL_MS = 60_000;

export interface SimulatorFeedOptions {
  bus: EventBus;
  /** Events per wall-clock second at the starting speed. */
  eventsPerSecond: number;
  seed: number;
  logger: Logger;
  /**
   * The trading day to replay (YYYY-MM-DD, one of the shipped data's); default the first with two years
   * of the data before it (defaultReplayDay), the history its risk figures are computed on.
   */
  day?: string;
  /** Simulated time per wall time at the start (1..100, default 1). */
  speed?: number;
  /** The wall clock (ms); Date.now by default. */
  now?: () => number;
  /** How often a slice of events is published (ms). */
  tickMs?: number;
  /**
   * Labelled manipulation of all six kinds, with the benign look-alikes, at this intensity (episodes of
   * each kind per 10,000 agent actions of a symbol; 0 or unset: none), so the compliance queue fills;
   * at OPENING_INTENSITY at least during the session's first wall-clock minute.
   */
  manipulationIntensity?: number;
}

export interface SimulatorFeed {
  /** Who is who among the simulated users (desks, beneficial owners, market makers), for surveillance. */
  referenceData(): SurveillanceReferenceData;
  /**
   * The firm's customers among the session's benign participants: its noise traders, who trade on the
   * simulated market and also send orders through the firm's router (routing/routed-flow.ts).
   */
  customers(): readonly string[];
  /** The session now: day, historical clock, speed, paused, events published per second. */
  state(): SimulationState;
  pause(): void;
  resume(): void;
  setSpeed(speed: number): void;
  /** Stops publishing; resolves once the slice in flight was published. */
  stop(): Promise<void>;
}

/** Groups events by topic, keyed by symbol (docs/events.md), keeping each topic's order. */
export function toTopicMessages(events: readonly ConsumedEvent[]): Map<string, OutgoingMessage[]> {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const event of events) {
    const topic = topicOf(event);
    const messages = byTopic.get(topic) ?? [];
    byTopic.set(topic, messages);
    messages.push({ key: eventKey(event), value: encodeEvent(event) });
  }
  return byTopic;
}

/**
 * The demo's bars and the first day to replay (by default one with two years of history before it); an
 * unknown `day` is refused naming SIM_DAY and the nearest days.
 */
function sessionBars(day: string | undefined) {
  const bars = loadDailyBars(DEMO_SYMBOLS).bars;
  const dates = replayDates(bars);
  const fromDate = day ?? defaultReplayDay(dates) ?? "";
  const problem = replayDayProblem(dates, fromDate);
  if (problem !== undefined) throw new Error(`SIM_DAY: ${problem}`);
  return { bars, fromDate };
}

export function startSimulatorFeed(options: SimulatorFeedOptions): SimulatorFeed {
  const tickMs = options.tickMs ?? 100;
  const now = options.now ?? Date.now;
  const speed = options.speed ?? 1;
  const { bars, fromDate } = sessionBars(options.day);
  const openMs = sessionOpenMs(fromDate);
  const intensity = options.manipulationIntensity ?? 0;
  const simulator = createMarketSimulator({
    bars,
    seed: options.seed,
    fromDate,
    startTime: openMs,
    // Per simulated second: at the starting speed the wall clock sees `eventsPerSecond`.
    eventsPerSecond: options.eventsPerSecond / speed,
    ...(intensity > 0
      ? {
          manipulation: {
            intensity,
            opening: {
              intensity: Math.max(OPENING_INTENSITY, intensity),
              untilMs: openMs + OPENING_WALL_MS * speed,
            },
            onLabel: () => undefined,
          },
        }
      : {}),
  });
  const clock = new SessionClock({ startMs: openMs, wallMs: now(), speed });
  const maxPerTick = Math.max(1, Math.ceil((MAX_RATE_FACTOR * options.eventsPerSecond * tickMs) / 1000));
  const published = new ThroughputWindow(10_000, now);
  let lastStampMs = 0;
  let inFlight: Promise<void> = Promise.resolve();

  const publishSlice = async (): Promise<void> => {
    const wallMs = now();
    const events = simulator.takeBefore(clock.now(wallMs), maxPerTick);
    const last = events.at(-1);
    if (last === undefined) return;
    // More than the flow may carry: the session is where its last event is, not where the clock ran to.
    if (events.length === maxPerTick) clock.holdAt(Date.parse(last.occurred_at), wallMs);
    const stamped = events.map((event) => {
      lastStampMs = Math.min(
        wallMs,
        Math.max(lastStampMs, Math.floor(clock.wallTimeOf(Date.parse(event.occurred_at)))),
      );
      return { ...event, occurred_at: new Date(lastStampMs).toISOString() };
    });
    for (const [topic, messages] of toTopicMessages(stamped)) await options.bus.publish(topic, messages);
    published.record(events.length);
  };

  const timer = setInterval(() => {
    inFlight = inFlight
      .then(publishSlice)
      .catch((error: unknown) => options.logger.warn({ err: error }, "simulator feed could not publish"));
  }, tickMs);
  options.logger.info(
    { day: fromDate, speed, eventsPerSecond: options.eventsPerSecond, seed: options.seed },
    "simulated session publishing",
  );

  return {
    referenceData: () => simulator.referenceData(),
    customers: () =>
      simulator
        .simulatedUsers()
        .filter((user) => user.role === "noise_trader")
        .map((user) => user.userId),
    state() {
      const replayed = simulator.replayedAt(clock.now(now()));
      return {
        day: replayed.date,
        clock: new Date(sessionOpenMs(replayed.date) + replayed.msIntoSession).toISOString(),
        speed: clock.speed,
        paused: clock.paused,
        eventsPerSecond: published.perSecond(),
      };
    },
    pause: () => clock.pause(now()),
    resume: () => clock.resume(now()),
    setSpeed: (next) => clock.setSpeed(next, now()),
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
