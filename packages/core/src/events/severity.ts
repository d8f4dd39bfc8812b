import { SEVERITIES } from "./published";
import type { SurveillanceAlertEvent } from "./published";

type Severity = SurveillanceAlertEvent["severity"];

/** Whether `severity` is at or above `floor` (SEVERITIES lists them from low to critical). */
export function severityAtLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);
}
