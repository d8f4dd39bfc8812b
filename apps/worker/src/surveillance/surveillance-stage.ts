/**
 * The surveillance engine at work in the worker (issue 10, ARCHITECTURE "Data flow"): the ingest
 * handler hands over each event it newly stored, and this stage feeds them to the engine in event-time
 * order and records the alerts (published, stored, critical ones halt; services/surveillance).
 *
 * Decoupled from ingest on purpose: the handler only pushes (synchronously) and never fails because of
 * surveillance, so a problem recording alerts cannot stall ingestion. Nothing is lost by that: every
 * event the stage holds is already stored, and when the stage takes a symbol over (first event after a
 * start, or after the consumer group moved partitions) it first rebuilds the symbol's state by
 * replaying the stored events of the preceding `rebuildWindowMs`, recording what they raise. Alert
 * ids follow from the pattern, so that replay finds the alerts already stored instead of doubling them.
 *
 * Event-time order across topics: each event is held `holdMs` after it arrives (producers' skew in a
 * live flow) and, while partitions are being caught up on, until every partition with a backlog has
 * been read past its time (SourceWatermarks, told by the ingest's settled batches). A partition read
 * more than ALIGN_WINDOW_MS ahead of the others is paused, so its backlog waits in Kafka, not here.
 */
import {
  EventSequencer,
  ORDER_TOPIC_PATTERN,
  SAME_INSTANT_RANK,
  SourceWatermarks,
  TOPICS,
} from "@nexus/core/events";
import type { ConsumedEvent, OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { createSurveillanceEngine, eventTimeMs } from "@nexus/core/surveillance";
import type {
  SurveillanceAlert,
  SurveillanceEngine,
  SurveillanceReferenceData,
} from "@nexus/core/surveillance";
import { readEventHistory } from "@nexus/db/queries/event-history";
import type { Consumer, SettledBatch, TopicPartition } from "@nexus/platform/bus";
import type { Logger } from "@nexus/platform/logger";
import { alertIdOf, raisedUnder, recordAlerts } from "@nexus/services/surveillance";
import type { DetectorSettings, RecordedAlerts, SurveillancePorts } from "@nexus/services/surveillance";
import type { SurveillanceMetrics } from "./surveillance-metrics.js";

type TradingEvent = OrderEvent | TradeExecutedEvent;

export interface SurveillanceStageOptions {
  ports: SurveillancePorts;
  reference: SurveillanceReferenceData;
  /** What each detector runs with (detector_configs); see useDetectorSettings. */
  settings: readonly DetectorSettings[];
  /** How long an event is held for events of other topics with earlier times (EventSequencer). */
  holdMs: number;
  /** How much stored history rebuilds a symbol's state when the stage takes it over. */
  rebuildWindowMs: number;
  /**
   * Held events above which roomForMore() makes the ingest wait (backpressure): what the engine has not
   * caught up with stays in Kafka, as consumer lag, rather than in this process's memory.
   */
  maxBacklog: number;
  logger: Logger;
  metrics: SurveillanceMetrics;
  /** Monotonic ms clock for holding events (injected for tests). */
  monotonicNow?: () => number;
  /** Backoff after a failed round (ms); the held alerts are retried. */
  retryAfterMs?: number;
  /**
   * Told of what each round recorded: the announcer publishes new halts at once instead of at its next
   * poll, and the notifier forwards the published alerts. Must not throw.
   */
  onRecorded?: (recorded: RecordedAlerts) => void;
}

const isTradingEvent = (event: ConsumedEvent): event is TradingEvent => event.event_type !== "quote";

/** The topics the stage merges (quotes are not surveilled and never hold trading events back). */
const isTradingTopic = (topic: string): boolean =>
  topic === TOPICS.tradesExecuted || ORDER_TOPIC_PATTERN.test(topic);

/**
 * How far in event time a partition may be read ahead of the least-read one before it is paused: what
 * the stage holds while a backlog drains is about this much of the flow plus one fetch per partition.
 */
export const ALIGN_WINDOW_MS = 1_000;

const sourceOf = ({ topic, partition }: TopicPartition): string => `${partition}/${topic}`;
const partitionOf = (source: string): TopicPartition => {
  const slash = source.indexOf("/");
  return { partition: Number(source.slice(0, slash)), topic: source.slice(slash + 1) };
};

/** The latest event time among a batch's trading events (undefined when it has none). */
const latestTimeMs = (values: readonly ConsumedEvent[]): number | undefined => {
  let latest: number | undefined;
  for (const value of values)
    if (isTradingEvent(value))
      latest = Math.max(latest ?? Number.NEGATIVE_INFINITY, eventTimeMs(value.occurred_at));
  return latest;
};

export class SurveillanceStage {
  private engine: SurveillanceEngine;
  private reference: SurveillanceReferenceData;
  private settings: ReadonlyMap<SurveillanceAlert["type"], DetectorSettings>;
  private readonly sequencer: EventSequencer<TradingEvent>;
  /** How far each consumed partition has been read (the sequencer's frontier, and which to pause). */
  private readonly sources = new SourceWatermarks(ALIGN_WINDOW_MS);
  /** Pauses and resumes the ingest's partitions and tells their lag (set once the ingest subscribed). */
  private flow: Pick<Consumer, "pause" | "resume" | "lag"> | undefined;
  /** False from an assignment until the partitions with a backlog are known: nothing is released. */
  private backlogsKnown = true;
  /** Counts assignments, so a slow answer about an earlier one is ignored. */
  private assignment = 0;
  /** Symbols whose state this stage holds (rebuilt or seen from their first event). */
  private readonly symbols = new Set<string>();
  /** Alerts raised and not yet recorded (kept across a failed recording). */
  private unrecorded: SurveillanceAlert[] = [];
  private round: Promise<void> = Promise.resolve();
  /**
   * The recordings, one after the other, apart from the rounds: a round does not wait for the alerts it
   * raised to be published and stored (tens of ms) before the next events go through the engine, or
   * every event behind a recording would wait for it as well.
   */
  private recording: Promise<void> = Promise.resolve();
  /** The recording queued behind the one in flight (it takes every alert raised until it starts). */
  private queuedRecording: Promise<void> | undefined;
  private pumpQueued = false;
  /** Wakes the stage when the earliest held event's hold ends (armed once started). */
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (monotonic ms); +Infinity when none is armed. */
  private timerDueMs = Number.POSITIVE_INFINITY;
  private started = false;
  private stopped = false;
  /** Ingest batches waiting for the backlog to fall under maxBacklog. */
  private waitingForRoom: Array<() => void> = [];
  private readonly monotonicNow: () => number;
  /** The sequencer's late events already counted on the metric. */
  private lateCounted = 0;

  constructor(private readonly options: SurveillanceStageOptions) {
    this.reference = options.reference;
    this.settings = new Map(options.settings.map((entry) => [entry.type, entry]));
    this.engine = this.newEngine();
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
    this.sequencer = new EventSequencer<TradingEvent>({
      holdMs: options.holdMs,
      // Sub-millisecond digits kept: quote stuffing's bursts are ordered within a millisecond.
      timeOf: (event) => eventTimeMs(event.occurred_at),
      rankOf: (event) => SAME_INSTANT_RANK[event.event_type],
      // The engine keeps state per symbol: only a symbol's own events out of order can mislead it.
      streamOf: (event) => event.symbol,
    });
  }

  /**
   * Starts releasing held events on time: a timer set to the end of the earliest held event's hold, so
   * an event waits its hold and no more (a fixed tick would add up to one period on top of it).
   */
  start(): void {
    this.started = true;
    this.armTimer();
  }

  /**
   * Events the ingest just stored for the first time, and when their batch reached it (monotonicNow;
   * default now). Never throws. The hold runs from the batch's arrival, not from the end of its
   * store: the skew it absorbs is between arrivals, and the store's time need not be waited twice.
   */
  accept(events: readonly ConsumedEvent[], arrivalMs = this.monotonicNow()): void {
    for (const event of events) if (isTradingEvent(event)) this.sequencer.push(event, arrivalMs);
    this.options.metrics.setBacklog(this.sequencer.size);
    this.wake();
  }

  /** The ingest's consumer, whose partitions the stage pauses while they are read too far ahead. */
  controlFlow(flow: Pick<Consumer, "pause" | "resume" | "lag">): void {
    this.flow = flow;
    this.learnBacklogs();
  }

  /**
   * Asks the consumer which partitions have a backlog and waits for each before releasing anything
   * past its first batch: the first fetch brings some partitions' whole backlog and others' first few
   * megabytes, and one never heard of would otherwise not be waited for.
   */
  private learnBacklogs(): void {
    const flow = this.flow;
    if (flow === undefined) return;
    const assignment = ++this.assignment;
    this.backlogsKnown = false;
    this.refreshFrontier();
    const known = () => {
      if (assignment !== this.assignment) return;
      this.backlogsKnown = true;
      this.refreshFrontier();
      this.wake();
    };
    flow.lag().then(
      (partitions) => {
        for (const partition of partitions)
          if (isTradingTopic(partition.topic) && partition.lag > 0) this.sources.expect(sourceOf(partition));
        known();
      },
      (error: unknown) => {
        this.options.logger.warn(
          { err: error },
          "surveillance: consumer lag unknown; partitions not read yet are not waited for",
        );
        known();
      },
    );
  }

  /** Events past this wait: how far every partition with a backlog has been read, once those are known. */
  private refreshFrontier(): void {
    this.sequencer.setFrontier(this.backlogsKnown ? this.sources.frontierMs() : Number.NEGATIVE_INFINITY);
  }

  /**
   * A partition's batch was settled (after its fresh events were accepted): how far that partition has
   * been read moves the frontier, and may pause or resume partitions. Never throws.
   */
  settled(batch: SettledBatch<ConsumedEvent>): void {
    if (!isTradingTopic(batch.topic)) return;
    this.sources.advance(sourceOf(batch), latestTimeMs(batch.values), batch.caughtUp);
    this.refreshFrontier();
    const { pause, resume } = this.sources.align();
    this.flow?.pause(pause.map(partitionOf));
    this.flow?.resume(resume.map(partitionOf));
    if (this.hasRoom()) this.letWaitersIn();
    this.wake();
  }

  /**
   * Resolves once the stage holds fewer than maxBacklog events (at once when it does already, or when
   * it stops). The ingest awaits it before taking the next fetch.
   */
  roomForMore(): Promise<void> {
    if (this.hasRoom() || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waitingForRoom.push(resolve));
  }

  /**
   * Room for more: fewer than maxBacklog events held, or the earliest waits for partitions that lag to
   * be read (then only more reading frees it; paused partitions bound what is held meanwhile).
   */
  private hasRoom(): boolean {
    const size = this.sequencer.size;
    return size < this.options.maxBacklog || this.sequencer.nextDueMs() === undefined;
  }

  /**
   * Without a hold the events are due now, on the next turn of the event loop: the ingest reports the
   * batch settled (settled(), moving the frontier) right after accepting its events, in this turn.
   * Otherwise the timer wakes the stage when a hold ends.
   */
  private wake(): void {
    if (this.options.holdMs === 0) setImmediate(() => this.schedule());
    else this.armTimer();
  }

  /**
   * The consumer group gave this worker a new set of partitions: any symbol's state may be stale (its
   * events went to another member meanwhile), so every symbol is rebuilt on its next event; how far
   * each partition was read starts over, and what the stage had paused is read again.
   */
  reassigned(): void {
    this.flow?.resume(this.sources.reset().map(partitionOf));
    this.refreshFrontier();
    this.learnBacklogs();
    void this.enqueue(async () => {
      this.symbols.clear();
      this.engine = this.newEngine();
    });
  }

  /** New reference data applies to every symbol: the state is rebuilt with it. */
  useReference(reference: SurveillanceReferenceData): void {
    void this.enqueue(async () => {
      this.reference = reference;
      this.engine.updateReferenceData(reference);
    });
  }

  /**
   * New detector settings apply from the next event: thresholds go to the engine (which validates
   * them), and enablement, symbol scope and severity floor decide which of its alerts are raised.
   */
  useDetectorSettings(settings: readonly DetectorSettings[]): void {
    void this.enqueue(async () => {
      this.settings = new Map(settings.map((entry) => [entry.type, entry]));
      this.applyThresholds(this.engine);
    });
  }

  /**
   * Resolves once every event accepted so far has been processed and its alerts recorded (tests, stop);
   * rejects when they could not be recorded (they are kept and retried).
   */
  async settle(): Promise<void> {
    await this.enqueue(() => this.pump(Number.POSITIVE_INFINITY));
    await this.recordSoon();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.settle().catch((error: unknown) =>
      this.options.logger.error(
        { err: error },
        "surveillance: alerts left unrecorded at stop (rebuilt at next start)",
      ),
    );
    this.stopped = true;
    this.letWaitersIn();
  }

  private letWaitersIn(): void {
    const waiting = this.waitingForRoom;
    this.waitingForRoom = [];
    for (const resolve of waiting) resolve();
  }

  private newEngine(): SurveillanceEngine {
    const engine = createSurveillanceEngine({
      newId: (pattern) => alertIdOf(pattern, null),
      reference: this.reference,
    });
    this.applyThresholds(engine);
    return engine;
  }

  private applyThresholds(engine: SurveillanceEngine): void {
    for (const entry of this.settings.values()) engine.updateThresholds(entry.type, entry.thresholds);
  }

  private schedule(): void {
    if (this.pumpQueued || this.stopped) return;
    this.pumpQueued = true;
    void this.enqueue(async () => {
      this.pumpQueued = false;
      await this.pump(this.monotonicNow());
    }).catch(() => undefined);
  }

  /**
   * Runs task after the previous one (one writer of engine state). After a failure the state is
   * dropped, because a round may have stopped between events: every symbol is rebuilt from the store
   * on its next event (which replays the events the failed round released), after a pause. The alerts
   * it raised before failing are recorded all the same.
   */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.round.then(task);
    this.round = next.catch((error: unknown) => {
      this.symbols.clear();
      this.engine = this.newEngine();
      this.options.metrics.recordFailedRound();
      this.options.logger.warn(
        { err: error },
        "surveillance: round failed, state will be rebuilt from the store",
      );
      return new Promise<void>((resolve) =>
        setTimeout(resolve, this.options.retryAfterMs ?? 500).unref(),
      ).then(() => this.schedule());
    });
    return next;
  }

  private async pump(nowMs: number): Promise<void> {
    const due = Number.isFinite(nowMs) ? this.sequencer.release(nowMs) : this.sequencer.drain();
    for (const event of due) {
      if (!this.symbols.has(event.symbol)) await this.rebuild(event);
      this.feed(event);
    }
    this.options.metrics.recordEvents(due.length);
    this.options.metrics.recordLateEvents(this.sequencer.lateEvents - this.lateCounted);
    this.lateCounted = this.sequencer.lateEvents;
    this.options.metrics.setBacklog(this.sequencer.size);
    if (this.hasRoom()) this.letWaitersIn();
    this.armTimer();
    if (this.unrecorded.length > 0) void this.recordSoon().catch(() => undefined);
  }

  /**
   * Records the alerts raised so far once the recording in flight is done. A failure keeps them and
   * tries again after a pause, until stopped; the engine's state is sound (only storing or publishing
   * failed).
   */
  private recordSoon(): Promise<void> {
    if (this.queuedRecording !== undefined) return this.queuedRecording;
    const attempt = this.recording.then(() => {
      this.queuedRecording = undefined;
      return this.recordPending();
    });
    this.queuedRecording = attempt;
    this.recording = attempt.catch((error: unknown) => {
      this.options.metrics.recordFailedRound();
      this.options.logger.warn({ err: error }, "surveillance: alerts not recorded, retrying");
      return new Promise<void>((resolve) =>
        setTimeout(resolve, this.options.retryAfterMs ?? 500).unref(),
      ).then(() => {
        if (!this.stopped) void this.recordSoon().catch(() => undefined);
      });
    });
    return attempt;
  }

  /** Sets the timer to the next hold's end, unless one already fires by then. */
  private armTimer(): void {
    const dueMs = this.sequencer.nextDueMs();
    if (!this.started || dueMs === undefined || dueMs >= this.timerDueMs) return;
    clearTimeout(this.timer);
    this.timerDueMs = dueMs;
    this.timer = setTimeout(
      () => {
        this.timerDueMs = Number.POSITIVE_INFINITY;
        this.schedule();
      },
      Math.max(0, Math.ceil(dueMs - this.monotonicNow())),
    );
    this.timer.unref();
  }

  private feed(event: TradingEvent): void {
    const raised =
      event.event_type === "trade.executed"
        ? this.engine.processTradeEvent(event)
        : this.engine.processOrderEvent(event);
    for (const alert of raised)
      if (raisedUnder(this.settings.get(alert.type), alert)) this.unrecorded.push(alert);
  }

  /** Replays the symbol's stored events before `first` through the engine (their alerts are recorded too). */
  private async rebuild(first: TradingEvent): Promise<void> {
    const to = new Date(Date.parse(first.occurred_at));
    const from = new Date(to.getTime() - this.options.rebuildWindowMs);
    const history = await readEventHistory(this.options.ports.db, {
      symbols: [first.symbol],
      from: from.toISOString(),
      to: to.toISOString(),
    });
    for (const event of history) this.feed(event);
    this.symbols.add(first.symbol);
    this.options.metrics.recordRebuild(history.length);
  }

  private async recordPending(): Promise<void> {
    const alerts = this.unrecorded;
    if (alerts.length === 0) return;
    this.unrecorded = [];
    let recorded: RecordedAlerts;
    try {
      recorded = await recordAlerts(this.options.ports, alerts, {
        scanId: null,
        detectorVersionOf: (type) => this.settings.get(type)?.version ?? 0,
      });
    } catch (error) {
      // Kept, ahead of those raised meanwhile, for the next attempt.
      this.unrecorded = alerts.concat(this.unrecorded);
      throw error;
    }
    this.options.metrics.recordAlerts(recorded.changed, recorded.halts.length);
    this.options.onRecorded?.(recorded);
  }
}
