import { severityAtLeast } from "@nexus/core/events";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import type { DetectorSettings } from "./detector-settings";

/**
 * Whether a detector's settings let the alert be raised: the detector enabled, the symbol in its scope
 * (an empty scope is every symbol), and the severity at or above its floor. No settings: raised.
 */
export function raisedUnder(settings: DetectorSettings | undefined, alert: SurveillanceAlert): boolean {
  if (settings === undefined) return true;
  return (
    settings.enabled &&
    (settings.scopeSymbols.length === 0 || settings.scopeSymbols.includes(alert.symbol)) &&
    severityAtLeast(alert.severity, settings.severityFloor)
  );
}
