import type { SurveillanceAlert, TradingPattern } from "@nexus/core/surveillance";
import { deterministicId } from "./deterministic-id";

/**
 * The id of the alert a pattern opens: the live pipeline, or one scan, with the pattern's type, user,
 * symbol, first event and first order. Rebuilding a symbol's state from stored events after a crash
 * or a rebalance finds the same pattern, so the same alert row is updated rather than a second one
 * inserted.
 */
export function alertIdOf(pattern: TradingPattern, scanId: string | null): string {
  return deterministicId(
    [
      "alert",
      scanId ?? "live",
      pattern.type,
      pattern.userId,
      pattern.symbol,
      String(pattern.firstEventMs),
      pattern.orderIds[0] ?? "",
    ].join("|"),
  );
}

/** The event_id of the surveillance.alerts message for one state of an alert (its update count). */
export function alertEventIdOf(alert: Pick<SurveillanceAlert, "alertId" | "updates">): string {
  return deterministicId(`surveillance.alert|${alert.alertId}|${alert.updates}`);
}
