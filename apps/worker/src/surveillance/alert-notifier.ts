/**
 * Tells the notifications service (NOTIFICATIONS_URL) of alerts at or above a severity: POST `alerts`
 * with the surveillance.alerts message as the body and its event_id as idempotency key. Sends run one
 * at a time off the pipeline (it never waits on them); a failed send is retried with backoff until
 * it goes through, and the queue is bounded: beyond `maxQueued` the oldest waiting alert is dropped
 * (counted, and logged once per outage), so an outage of the notifications service cannot exhaust
 * the worker's memory. Alerts stay in the workspace whatever happens here.
 */
import { severityAtLeast } from "@nexus/core/events";
import type { SurveillanceAlertEvent } from "@nexus/core/events";
import type { AlertSeverity } from "@nexus/core/surveillance";
import type { ServiceClient } from "@nexus/platform/http";
import type { Logger } from "@nexus/platform/logger";

export interface AlertNotifierOptions {
  client: Pick<ServiceClient, "post">;
  minSeverity: AlertSeverity;
  logger: Logger;
  maxQueued?: number;
  /** First pause after a failed send (ms), doubling up to 30 s. */
  retryAfterMs?: number;
  onDropped?: () => void;
}

export class AlertNotifier {
  private readonly queue: SurveillanceAlertEvent[] = [];
  private sending: Promise<void> | undefined;
  private stopped = false;
  private failing = false;
  /** Ends the pause between retries at once when stopped. */
  private wake: (() => void) | undefined;

  constructor(private readonly options: AlertNotifierOptions) {}

  /** Queues the messages at or above the minimum severity; returns at once. */
  notify(messages: readonly SurveillanceAlertEvent[]): void {
    for (const message of messages) {
      if (!severityAtLeast(message.severity, this.options.minSeverity)) continue;
      this.queue.push(message);
      if (this.queue.length > (this.options.maxQueued ?? 10_000)) {
        this.queue.shift();
        this.options.onDropped?.();
      }
    }
    this.sending ??= this.drain().finally(() => (this.sending = undefined));
  }

  /** Resolves when the queue is empty (tests); does not wait through an outage once stopped. */
  async idle(): Promise<void> {
    while (this.sending !== undefined) await this.sending;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.sending;
  }

  private async drain(): Promise<void> {
    let pauseMs = this.options.retryAfterMs ?? 500;
    for (let message = this.queue[0]; message !== undefined && !this.stopped; message = this.queue[0]) {
      try {
        await this.options.client.post("alerts", message, undefined, { idempotencyKey: message.event_id });
        this.queue.shift();
        if (this.failing) this.options.logger.info("notifications service reachable again");
        this.failing = false;
        pauseMs = this.options.retryAfterMs ?? 500;
      } catch (error) {
        if (!this.failing)
          this.options.logger.warn(
            { err: error, queued: this.queue.length },
            "notifications service unreachable; alerts queued for retry",
          );
        this.failing = true;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, pauseMs).unref();
        });
        pauseMs = Math.min(pauseMs * 2, 30_000);
      }
    }
  }
}
