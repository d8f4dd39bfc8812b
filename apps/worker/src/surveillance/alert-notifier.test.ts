import type { SurveillanceAlertEvent } from "@nexus/core/events";
import { createLogger } from "@nexus/platform/logger";
import { describe, expect, it } from "vitest";
import { AlertNotifier } from "./alert-notifier.js";

const logger = createLogger({ name: "notifier-test", level: "silent" });

const message = (id: number, severity: SurveillanceAlertEvent["severity"]) =>
  ({
    event_id: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    severity,
  }) as SurveillanceAlertEvent;

/** A notifications service that refuses the first `failures` calls. */
function service(failures = 0) {
  const received: Array<{ path: string; body: SurveillanceAlertEvent; key: string | undefined }> = [];
  let refusals = failures;
  return {
    received,
    client: {
      post: async <T>(
        path: string,
        body: unknown,
        _schema?: unknown,
        options?: { idempotencyKey?: string },
      ) => {
        if (refusals-- > 0) throw new Error("503");
        received.push({ path, body: body as SurveillanceAlertEvent, key: options?.idempotencyKey });
        return undefined as T;
      },
    },
  };
}

describe("AlertNotifier", () => {
  it("sends alerts at or above the minimum severity, in order, keyed by their event id", async () => {
    const notifications = service();
    const notifier = new AlertNotifier({ client: notifications.client, minSeverity: "high", logger });
    notifier.notify([message(1, "medium"), message(2, "high"), message(3, "critical"), message(4, "low")]);
    await notifier.idle();
    expect(notifications.received.map((sent) => [sent.path, sent.body.severity, sent.key])).toEqual([
      ["alerts", "high", message(2, "high").event_id],
      ["alerts", "critical", message(3, "critical").event_id],
    ]);
  });

  it("retries through an outage without losing or reordering alerts", async () => {
    const notifications = service(3);
    const notifier = new AlertNotifier({
      client: notifications.client,
      minSeverity: "low",
      logger,
      retryAfterMs: 1,
    });
    notifier.notify([message(1, "low"), message(2, "low")]);
    await notifier.idle();
    expect(notifications.received.map((sent) => sent.body.event_id)).toEqual([
      message(1, "low").event_id,
      message(2, "low").event_id,
    ]);
  });

  it("drops the oldest waiting alert beyond the queue bound, and counts it", async () => {
    const notifications = service(1);
    let dropped = 0;
    const notifier = new AlertNotifier({
      client: notifications.client,
      minSeverity: "low",
      logger,
      maxQueued: 2,
      retryAfterMs: 5,
      onDropped: () => dropped++,
    });
    notifier.notify([message(1, "low"), message(2, "low"), message(3, "low")]);
    await notifier.idle();
    expect(dropped).toBe(1);
    expect(notifications.received.map((sent) => sent.body.event_id)).toEqual([
      message(2, "low").event_id,
      message(3, "low").event_id,
    ]);
  });

  it("stops sending once stopped, even during an outage", async () => {
    const notifications = service(Number.POSITIVE_INFINITY);
    const notifier = new AlertNotifier({
      client: notifications.client,
      minSeverity: "low",
      logger,
      retryAfterMs: 5,
    });
    notifier.notify([message(1, "low")]);
    await notifier.stop();
    expect(notifications.received).toEqual([]);
  });
});
