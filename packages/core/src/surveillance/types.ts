import type { ALERT_TYPES, OrderEvent, SEVERITIES, TradeExecutedEvent } from "../events/index";

/** The six manipulation patterns of the spec (the contract's alert_type values). */
export type ManipulationType = (typeof ALERT_TYPES)[number];
export type AlertSeverity = (typeof SEVERITIES)[number];

/** One step of what happened, in the order a reviewer reads it (decimal strings as received). */
export interface TimelineEntry {
  at: string;
  event: "created" | "modified" | "cancelled" | "filled";
  orderId: string;
  userId: string;
  side: "buy" | "sell";
  price: string | null;
  quantity: string;
}

export interface AlertEvidence {
  /** What was measured (numbers for statistics, strings for identities and decimals). */
  metrics: Record<string, number | string>;
  /** The thresholds those metrics were compared with. */
  thresholds: Record<string, number>;
  timeline: TimelineEntry[];
}

export interface SurveillanceAlert {
  alertId: string;
  type: ManipulationType;
  severity: AlertSeverity;
  /** In [0, 1]: see scoring.ts. */
  confidence: number;
  /** The user the alert is about (the suspected manipulator). */
  userId: string;
  symbol: string;
  firstEventAt: string;
  lastEventAt: string;
  detectedAt: string;
  relatedOrderIds: string[];
  description: string;
  recommendedAction: string;
  evidence: AlertEvidence;
  /** 0 when created; +1 each time deduplication merges further evidence into it. */
  updates: number;
}

/**
 * One metric compared with its threshold. `direction` "min": the metric must reach the threshold
 * (value >= threshold); "max": it must stay within it (value <= threshold, e.g. a delay or a drift).
 */
export interface ThresholdCrossing {
  metric: string;
  value: number;
  threshold: string;
  thresholdValue: number;
  direction: "min" | "max";
}

/** What one detector found: the raw material of an alert (scored and deduplicated by the engine). */
export interface TradingPattern {
  type: ManipulationType;
  userId: string;
  symbol: string;
  /** Epoch milliseconds of the first and last event of the pattern. */
  firstEventMs: number;
  lastEventMs: number;
  orderIds: string[];
  description: string;
  /** The comparisons that made the pattern; the confidence is computed from them. */
  crossings: ThresholdCrossing[];
  /** Set for categorical findings (e.g. one account on both sides), where no margin exists to weigh. */
  fixedConfidence?: number;
  metrics: Record<string, number | string>;
  timeline: TimelineEntry[];
}

/** Events with occurred_at in [from, to] (ISO-8601) are analysed by PatternDetector.detect. */
export interface DetectionWindow {
  from: string;
  to: string;
}

/** A threshold: its current value and the range a valid value must lie in. */
export interface ThresholdSetting {
  value: number;
  description: string;
  /** Inclusive upper bound (ratios <= 1); lower bound is always 0. */
  max?: number;
  /** Whole numbers only (counts). */
  integer?: boolean;
}

export type ThresholdConfig = Record<string, ThresholdSetting>;

/** The spec's detector interface: a batch of one symbol's (or several symbols') events in, patterns out. */
export interface PatternDetector {
  /** Unique among the detectors of one engine; registering the same name again replaces it. */
  readonly name: string;
  readonly type: ManipulationType;
  detect(
    orders: readonly OrderEvent[],
    trades: readonly TradeExecutedEvent[],
    window: DetectionWindow,
  ): TradingPattern[];
  getThresholdConfig(): ThresholdConfig;
}
