import { isoOf } from "./event-time";
import { confidenceOf, corroborate, recommendedActionOf, severityOf } from "./scoring";
import type { SeverityCutoffs } from "./scoring";
import type { SurveillanceAlert, TradingPattern } from "./types";

interface OpenAlert {
  alert: SurveillanceAlert;
  orderIds: Set<string>;
  firstMs: number;
  lastMs: number;
}

/** Evidence kept per alert however often it is updated (the latest entries win). */
const MAX_RELATED_ORDER_IDS = 200;
const MAX_TIMELINE_ENTRIES = 200;

export interface AlertBookOptions {
  /** The new alert's id, given the pattern that opens it (the worker derives it from the pattern, so a
   * replay after a crash gives the same id). */
  newId: (pattern: TradingPattern) => string;
  dedupWindowMs: number;
  severityCutoffs: SeverityCutoffs;
}

/**
 * Turns patterns into alerts, deduplicated: a pattern of the same type, user and symbol as an open alert
 * that shares an order id with it, or starts within dedupWindowMs of its last event, updates that alert
 * (order ids and timeline appended, confidence corroborated, severity re-graded, updates + 1) instead of
 * opening another. Alerts whose last event is more than dedupWindowMs behind the stream are closed.
 */
export class AlertBook {
  private readonly open = new Map<string, OpenAlert>();

  constructor(private readonly options: AlertBookOptions) {}

  openAlerts(): SurveillanceAlert[] {
    return [...this.open.values()].map(({ alert }) => snapshotOf(alert));
  }

  /** The alert the pattern created or updated (a copy: later updates do not change it). */
  record(pattern: TradingPattern, detectedAt: string): SurveillanceAlert {
    const key = `${pattern.type}\u0000${pattern.userId}\u0000${pattern.symbol}`;
    const current = this.open.get(key);
    const confidence = pattern.fixedConfidence ?? confidenceOf(pattern.crossings);
    if (current !== undefined && this.continues(current, pattern)) {
      this.merge(current, pattern, confidence, detectedAt);
      return snapshotOf(current.alert);
    }
    const severity = severityOf(confidence, this.options.severityCutoffs);
    const alert: SurveillanceAlert = {
      alertId: this.options.newId(pattern),
      type: pattern.type,
      severity,
      confidence,
      userId: pattern.userId,
      symbol: pattern.symbol,
      firstEventAt: isoOf(pattern.firstEventMs),
      lastEventAt: isoOf(pattern.lastEventMs),
      detectedAt,
      relatedOrderIds: [...new Set(pattern.orderIds)].slice(-MAX_RELATED_ORDER_IDS),
      description: pattern.description,
      recommendedAction: recommendedActionOf(pattern.type, severity),
      evidence: { ...evidenceOf(pattern), timeline: pattern.timeline.slice(-MAX_TIMELINE_ENTRIES) },
      updates: 0,
    };
    this.open.set(key, {
      alert,
      orderIds: new Set(alert.relatedOrderIds),
      firstMs: pattern.firstEventMs,
      lastMs: pattern.lastEventMs,
    });
    return snapshotOf(alert);
  }

  /** Closes alerts whose last event is before closeBeforeMs. */
  closeBefore(closeBeforeMs: number): void {
    for (const [key, open] of this.open) if (open.lastMs < closeBeforeMs) this.open.delete(key);
  }

  private continues(open: OpenAlert, pattern: TradingPattern): boolean {
    if (pattern.orderIds.some((orderId) => open.orderIds.has(orderId))) return true;
    const window = this.options.dedupWindowMs;
    return pattern.firstEventMs <= open.lastMs + window && pattern.lastEventMs >= open.firstMs - window;
  }

  private merge(open: OpenAlert, pattern: TradingPattern, confidence: number, detectedAt: string): void {
    const { alert } = open;
    open.firstMs = Math.min(open.firstMs, pattern.firstEventMs);
    open.lastMs = Math.max(open.lastMs, pattern.lastEventMs);
    for (const orderId of pattern.orderIds) open.orderIds.add(orderId);
    alert.relatedOrderIds = [...open.orderIds].slice(-MAX_RELATED_ORDER_IDS);
    if (open.orderIds.size > MAX_RELATED_ORDER_IDS) open.orderIds = new Set(alert.relatedOrderIds);
    alert.firstEventAt = isoOf(open.firstMs);
    alert.lastEventAt = isoOf(open.lastMs);
    alert.detectedAt = detectedAt;
    alert.confidence = corroborate(alert.confidence, confidence);
    alert.severity = severityOf(alert.confidence, this.options.severityCutoffs);
    alert.recommendedAction = recommendedActionOf(alert.type, alert.severity);
    alert.updates++;
    alert.description = `${pattern.description} (episode ${alert.updates + 1} of this alert)`;
    alert.evidence = {
      ...evidenceOf(pattern),
      timeline: [...alert.evidence.timeline, ...pattern.timeline].slice(-MAX_TIMELINE_ENTRIES),
    };
  }
}

function evidenceOf(pattern: TradingPattern): {
  metrics: Record<string, number | string>;
  thresholds: Record<string, number>;
} {
  const metrics: Record<string, number | string> = { ...pattern.metrics };
  const thresholds: Record<string, number> = {};
  for (const crossing of pattern.crossings) {
    metrics[crossing.metric] = crossing.value;
    thresholds[crossing.threshold] = crossing.thresholdValue;
  }
  return { metrics, thresholds };
}

function snapshotOf(alert: SurveillanceAlert): SurveillanceAlert {
  return {
    ...alert,
    relatedOrderIds: [...alert.relatedOrderIds],
    evidence: {
      metrics: { ...alert.evidence.metrics },
      thresholds: { ...alert.evidence.thresholds },
      timeline: [...alert.evidence.timeline],
    },
  };
}
