import type { RetryBackoffOptions } from "./consume-batch";
import { retryBackoff } from "./consume-batch";
import type { EventBus, OutgoingMessage } from "./types";

/** Messages one send takes from a topic's queue at most (one produce request, well under Kafka's 1 MB). */
const MAX_BATCH = 500;

/** A topic's messages waiting to go, oldest first, and whether its send loop runs. */
interface Lane {
  queue: OutgoingMessage[];
  sending: boolean;
}

export interface BackgroundPublisherOptions extends RetryBackoffOptions {
  bus: Pick<EventBus, "publish">;
  /** Messages held unsent beyond which `accepting` turns false (the caller stops producing more). */
  maxPending: number;
  /** Told of each failed send before it is retried (a log line); must not throw. */
  onRetry?: (error: unknown, topic: string, pending: number) => void;
}

/**
 * Publishes off the caller's path: `publish` queues the messages and returns, and a send loop per topic
 * sends what has queued as one batch, one batch in flight at a time. A batch therefore grows with the load
 * (as Kafka's own producer batches while a request is in flight), and the messages of a topic go in the
 * order they were queued. A send the bus refuses is tried again after a growing pause, before anything
 * queued after it, until it goes or the publisher is closed: a broker outage delays messages and loses
 * none, while `accepting` lets the caller refuse new work once `maxPending` messages wait, so memory stays
 * bounded. What is queued lives in this process: a crash loses what had not gone yet, as a crash between a
 * caller's commit and its own publish would.
 */
export class BackgroundPublisher {
  private readonly lanes = new Map<string, Lane>();
  private readonly backoff;
  private readonly stopping = new AbortController();
  private held = 0;
  private readonly idle: (() => void)[] = [];
  /** The last send's failure, while its batch waits to be tried again. */
  private failure: unknown;

  constructor(private readonly options: BackgroundPublisherOptions) {
    this.backoff = retryBackoff(options);
  }

  /** Messages queued and not yet acknowledged by the bus. */
  get pending(): number {
    return this.held;
  }

  /** Under `maxPending`: room to queue more. */
  get accepting(): boolean {
    return this.held < this.options.maxPending;
  }

  /** Why sending fails, while it does (undefined once a send goes through). */
  get lastFailure(): unknown {
    return this.failure;
  }

  publish(topic: string, messages: readonly OutgoingMessage[]): void {
    if (this.stopping.signal.aborted) throw new Error(`publishing to ${topic} after the publisher closed`);
    if (messages.length === 0) return;
    let lane = this.lanes.get(topic);
    if (lane === undefined) {
      lane = { queue: [], sending: false };
      this.lanes.set(topic, lane);
    }
    lane.queue.push(...messages);
    this.held += messages.length;
    if (lane.sending) return;
    lane.sending = true;
    // On the next turn, with every message queued during this one.
    const started = lane;
    setImmediate(() => void this.send(topic, started));
  }

  /**
   * Waits up to `timeoutMs` for what is queued to go, then stops sending (retries end); resolves with how
   * many messages never went.
   */
  async close(timeoutMs: number): Promise<number> {
    if (this.held > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idle.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    this.stopping.abort();
    return this.held;
  }

  private async send(topic: string, lane: Lane): Promise<void> {
    let delayMs = this.backoff.initialMs;
    while (lane.queue.length > 0 && !this.stopping.signal.aborted) {
      const batch = lane.queue.slice(0, MAX_BATCH);
      try {
        await this.options.bus.publish(topic, batch);
      } catch (error) {
        this.failure = error;
        this.options.onRetry?.(error, topic, this.held);
        await this.backoff.sleep(delayMs, this.stopping.signal);
        delayMs = Math.min(delayMs * 2, this.backoff.maxMs);
        continue;
      }
      this.failure = undefined;
      delayMs = this.backoff.initialMs;
      lane.queue.splice(0, batch.length);
      this.held -= batch.length;
    }
    lane.sending = false;
    if (this.held === 0) for (const resolve of this.idle.splice(0)) resolve();
  }
}
