/**
 * The embedded demo's live flow: the market simulator (real daily bars of the shipped sample) publishes
 * to the in-memory bus at a steady rate, so the ingest path, the engines and the screens see the same
 * traffic they would from Kafka. Event times start at the wall clock and advance at the same rate.
 */
import { encodeEvent, eventKey, topicOf } from "@nexus/core/events";
import type { ConsumedEvent } from "@nexus/core/events";
import type { EventBus, OutgoingMessage } from "@nexus/platform/bus";
import type { SurveillanceReferenceData } from "@nexus/core/surveillance";
import type { Logger } from "@nexus/platform/logger";
import { createMarketSimulator, loadSampleBars, portfolioHolderPopulation } from "@nexus/sim";
import type { PortfolioHolderOptions } from "@nexus/sim";

export interface SimulatorFeedOptions {
  bus: EventBus;
  eventsPerSecond: number;
  seed: number;
  logger: Logger;
  /** Start of simulated time; defaults to now. */
  startTime?: number;
  /** How often a slice of events is published (ms). */
  tickMs?: number;
  /** Named users who build and tend a book in the flow (the demo traders: portfolio/demo-holders.ts). */
  portfolioHolders?: readonly PortfolioHolderOptions[];
  /**
   * Labelled manipulation of all six kinds, with the benign look-alikes, at this intensity (episodes of
   * each kind per 10,000 agent actions of a symbol; 0 or unset: none), so the compliance queue fills.
   */
  manipulationIntensity?: number;
}

export interface SimulatorFeed {
  /** Who is who among the simulated users (desks, beneficial owners, market makers), for surveillance. */
  referenceData(): SurveillanceReferenceData;
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

export function startSimulatorFeed(options: SimulatorFeedOptions): SimulatorFeed {
  const tickMs = options.tickMs ?? 100;
  const simulator = createMarketSimulator({
    bars: loadSampleBars().bars,
    seed: options.seed,
    startTime: options.startTime ?? Date.now(),
    eventsPerSecond: options.eventsPerSecond,
    extraPopulations: () => (options.portfolioHolders ?? []).map(portfolioHolderPopulation),
    ...((options.manipulationIntensity ?? 0) > 0
      ? { manipulation: { intensity: options.manipulationIntensity, onLabel: () => undefined } }
      : {}),
  });
  const perTick = (options.eventsPerSecond * tickMs) / 1000;
  // Carries the fractional part between ticks so 15 events/s at 10 ticks/s really publishes 15 a second.
  let owed = 0;
  let inFlight: Promise<void> = Promise.resolve();

  const publishSlice = async (): Promise<void> => {
    owed += perTick;
    const count = Math.floor(owed);
    owed -= count;
    if (count === 0) return;
    for (const [topic, messages] of toTopicMessages(simulator.take(count))) {
      await options.bus.publish(topic, messages);
    }
  };

  const timer = setInterval(() => {
    inFlight = inFlight
      .then(publishSlice)
      .catch((error: unknown) => options.logger.warn({ err: error }, "simulator feed could not publish"));
  }, tickMs);
  options.logger.info(
    { eventsPerSecond: options.eventsPerSecond, seed: options.seed },
    "simulator feeding the in-memory bus",
  );

  return {
    referenceData: () => simulator.referenceData(),
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
