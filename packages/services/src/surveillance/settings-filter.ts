import type { AlertSeverity, SurveillanceAlert } from "@nexus/core/surveillance";
import type { DetectorSettings } from "./detector-settings";

const SEVERITY_ORDER: Readonly<Record<AlertSeverity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * Whether a detector's settings let the alert be raised: the detector enabled, the symbol in its scope
 * (an empty scope is every symbol), and the severity at or above its floor. No settings: raised.
 */
export function raisedUnder(settings: DetectorSettings | undefined, alert: SurveillanceAlert): boolean {
  if (settings === undefined) return true;
  return (
    settings.enabled &&
    (settings.scopeSymbols.length === 0 || settings.scopeSymbols.includes(alert.symbol)) &&
    SEVERITY_ORDER[alert.severity] >= SEVERITY_ORDER[settings.severityFloor]
  );
}
