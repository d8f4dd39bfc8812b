/** What the surveillance stage exposes on /metrics (Prometheus conventions, as ingest-metrics.ts). */
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import type { Metrics } from "@nexus/platform/metrics";

export interface SurveillanceMetrics {
  /** Order and trade events fed to the engine (live, not rebuilt). */
  recordEvents(events: number): void;
  /** Alerts new or updated and recorded, and the halts they raised. */
  recordAlerts(changed: readonly SurveillanceAlert[], halts: number): void;
  recordRebuild(events: number): void;
  recordFailedRound(): void;
  /** Events held, waiting for their hold to end or for the engine. */
  setBacklog(events: number): void;
  /** Events that reached the engine after a later one of their symbol (they came more than the hold after it). */
  recordLateEvents(events: number): void;
  /** An alert dropped from the full queue of the notifications service. */
  recordNotificationDropped(): void;
}

export function createSurveillanceMetrics(metrics: Metrics): SurveillanceMetrics {
  const alerts = metrics.counter(
    "nexus_surveillance_alerts_recorded_total",
    "Alerts created or updated and recorded (published and stored), by type and severity.",
    ["type", "severity"],
  );
  const halts = metrics.counter("nexus_surveillance_halts_total", "Trading halts raised on critical alerts.");
  const rebuilt = metrics.counter(
    "nexus_surveillance_rebuilt_events_total",
    "Stored events replayed to rebuild a symbol's state when this worker took the symbol over.",
  );
  const events = metrics.counter(
    "nexus_surveillance_events_total",
    "Order and trade events the live surveillance engine processed (not counting rebuilds).",
  );
  const failedRounds = metrics.counter(
    "nexus_surveillance_failed_rounds_total",
    "Rounds that failed (store or bus unreachable): feeding the engine (its state is then rebuilt from the store) or recording alerts (kept and retried).",
  );
  const backlog = metrics.gauge(
    "nexus_surveillance_backlog_events",
    "Events held by the surveillance stage.",
  );
  const late = metrics.counter(
    "nexus_surveillance_late_events_total",
    "Events released after an event of their symbol with a later time (they arrived more than SURVEILLANCE_HOLD_MS after it): the hold is shorter than the skew across topics.",
  );
  const notificationsDropped = metrics.counter(
    "nexus_surveillance_notifications_dropped_total",
    "Alerts not sent to NOTIFICATIONS_URL because its queue was full during an outage.",
  );
  return {
    recordAlerts(changed, raised) {
      for (const alert of changed) alerts.inc({ type: alert.type, severity: alert.severity });
      if (raised > 0) halts.inc(raised);
    },
    recordEvents: (count) => events.inc(count),
    recordRebuild: (count) => rebuilt.inc(count),
    recordFailedRound: () => failedRounds.inc(),
    setBacklog: (events) => backlog.set(events),
    recordLateEvents: (events) => {
      if (events > 0) late.inc(events);
    },
    recordNotificationDropped: () => notificationsDropped.inc(),
  };
}
