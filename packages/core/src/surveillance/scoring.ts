import type { AlertSeverity, ManipulationType, ThresholdCrossing } from "./types";

/**
 * Confidence of a pattern, from how far its metrics passed their thresholds.
 *
 * Each crossing has a margin m = value / threshold for a "min" threshold (threshold / value for a
 * "max" one), so m >= 1 whenever the pattern holds. Its strength is log(m) / log(SATURATION), capped
 * at 1: a metric at four times its threshold (or a quarter of a maximum) counts fully. The confidence is
 *   CONFIDENCE_FLOOR + (1 - CONFIDENCE_FLOOR) * mean(strengths)
 * so it is monotone (non-decreasing) in every metric's margin, lies in [floor, 1], and a pattern whose
 * metrics sit exactly at their thresholds scores the floor, 0.5: "as likely as not", the least a
 * finding that met every rule can be worth. A threshold of 0 passed by any positive value counts fully.
 */
export const CONFIDENCE_FLOOR = 0.5;
const SATURATION = 4;

export function confidenceOf(crossings: readonly ThresholdCrossing[]): number {
  if (crossings.length === 0) return CONFIDENCE_FLOOR;
  let total = 0;
  for (const crossing of crossings) total += strengthOf(crossing);
  return CONFIDENCE_FLOOR + (1 - CONFIDENCE_FLOOR) * (total / crossings.length);
}

function strengthOf({ value, thresholdValue, direction }: ThresholdCrossing): number {
  const [high, low] = direction === "min" ? [value, thresholdValue] : [thresholdValue, value];
  if (low <= 0) return high > 0 ? 1 : 0;
  const margin = high / low;
  return margin <= 1 ? 0 : Math.min(1, Math.log(margin) / Math.log(SATURATION));
}

/**
 * Evidence from the same episode seen again (deduplication): independent confirmations combine as a
 * noisy-OR, 1 - (1 - a)(1 - b), which is never below either and rises with each merge.
 */
export function corroborate(current: number, added: number): number {
  return 1 - (1 - current) * (1 - added);
}

/** Lower bounds of medium, high and critical on the confidence scale; below medium is low. */
export interface SeverityCutoffs {
  medium: number;
  high: number;
  critical: number;
}

/**
 * Default cut-offs: a pattern at its thresholds (0.5) is low, one a third of the way to saturation is
 * medium, clear cases are high, and only near-certain ones (>= 0.9: e.g. one account on both sides of a
 * trade) are critical, the level that halts trading.
 */
export const DEFAULT_SEVERITY_CUTOFFS: SeverityCutoffs = { medium: 0.6, high: 0.75, critical: 0.9 };

/** Throws naming the cut-off unless 0 <= medium <= high <= critical <= 1. */
export function validateSeverityCutoffs(cutoffs: SeverityCutoffs): SeverityCutoffs {
  const entries: Array<[keyof SeverityCutoffs, number]> = [
    ["medium", cutoffs.medium],
    ["high", cutoffs.high],
    ["critical", cutoffs.critical],
  ];
  let previous = 0;
  for (const [name, value] of entries) {
    if (!Number.isFinite(value) || value < previous || value > 1)
      throw new Error(`severity cut-off ${name}: expected a number in [${previous}, 1], got ${value}`);
    previous = value;
  }
  return { ...cutoffs };
}

export function severityOf(confidence: number, cutoffs: SeverityCutoffs): AlertSeverity {
  if (confidence >= cutoffs.critical) return "critical";
  if (confidence >= cutoffs.high) return "high";
  if (confidence >= cutoffs.medium) return "medium";
  return "low";
}

const ACTION_BY_SEVERITY: Record<AlertSeverity, string> = {
  low: "Monitor: keep the alert open and look for repetition",
  medium: "Review the timeline within one business day and document the outcome",
  high: "Escalate to compliance today and request the trader's explanation",
  critical: "Halt the user's trading in the symbol pending compliance review",
};

const FOCUS_BY_TYPE: Record<ManipulationType, string> = {
  spoofing: "check whether the cancelled orders were ever meant to trade",
  layering: "check the layered orders against the user's stated strategy",
  wash_trading: "confirm the beneficial owners on both sides",
  momentum: "compare the burst with the user's usual execution style",
  front_running: "check who knew of the client's block order before it was entered",
  quote_stuffing: "check the user's message rates and algorithm controls",
};

export function recommendedActionOf(type: ManipulationType, severity: AlertSeverity): string {
  return `${ACTION_BY_SEVERITY[severity]}; ${FOCUS_BY_TYPE[type]}.`;
}
