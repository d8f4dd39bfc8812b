import type { ManipulationType, ThresholdConfig } from "./types";

/**
 * Default thresholds of the six detectors, each with the source it comes from. All are configurable
 * (engine option `thresholds`, `updateThresholds`); durations are milliseconds, ratios are fractions.
 */
export const THRESHOLD_DEFAULTS = {
  spoofing: {
    // CFTC v. Sarao (2015) and U.S. v. Coscia (7th Cir. 2017): the spoof orders were many times the
    // size of the genuine ones and of what was displayed at their price, and pulled within about a
    // second or two of the genuine order trading; FINRA/Nasdaq cross-product spoofing models use the
    // same ingredients (size vs displayed, cancel after opposite execution, cancel ratio).
    largeVsDisplayed: {
      value: 2,
      description: "order size / displayed size at its level (else at the touch)",
    },
    largeVsUserMedian: { value: 4, description: "order size / the user's median executed order size" },
    maxCancelAfterFillMs: { value: 2000, description: "cancel at most this long after an opposite fill" },
    // Coscia placed his large orders right after the small one; Oystacher's "flips" entered the genuine
    // order within about a second of the spoof. An order that rested longer on its own before the genuine
    // order existed was exposed to the market: the independent evaluation's false alarms rested 2-141 s.
    maxLeadBeforeGenuineMs: {
      value: 2000,
      description: "the order entered at most this long before the genuine (filled) order",
    },
    minCancelledToFilled: { value: 2.5, description: "cancelled volume / own opposite filled volume" },
    minCancelRatio: { value: 0.8, max: 1, description: "cancelled / (cancelled + filled) on the spoof side" },
    windowMs: { value: 10_000, description: "look-back over which volumes and ratios are summed" },
    maxTouchDistanceBps: {
      value: 100,
      description: "orders resting deeper than this from the touch are ignored",
    },
    replaceWithinMs: {
      value: 100,
      description: "a same-side order entered this soon after makes it a cancel/replace",
    },
  },
  layering: {
    // FINRA Rule 5210 / SEC v. Lek Securities (Avalon, 2017): several non-bona-fide orders on
    // successive price levels behind the best price, placed within seconds, an execution on the other
    // side, then the layers pulled together, typically within a couple of seconds.
    minLayers: { value: 3, integer: true, description: "same-side orders on distinct price levels" },
    maxPlacementSpanMs: { value: 5000, description: "the layers are placed within this span" },
    maxCancelAfterFillMs: { value: 3000, description: "layers cancelled at most this long after the fill" },
    minCancelledFraction: { value: 0.8, max: 1, description: "share of the layered volume cancelled" },
  },
  wash_trading: {
    // CEA §4c(a), CFTC Rule 1.38 and FINRA Rule 6140(b)/5210 SM .02: trades without change of beneficial
    // ownership, or offsetting buys and sells of the same quantity at about the same price in a short time.
    roundTripWindowMs: { value: 30_000, description: "a trade and the one back within this span" },
    maxNetPositionFraction: { value: 0.05, max: 1, description: "|bought - sold| / max(bought, sold)" },
    maxPriceDifferenceBps: { value: 10, description: "difference of the two prices" },
    minRoundTrips: { value: 1, integer: true, description: "round trips of one pair within repeatWindowMs" },
    repeatWindowMs: { value: 120_000, description: "span over which round trips are counted" },
  },
  momentum: {
    // SEC Concept Release on Equity Market Structure (2010, §IV.B.2) and ESMA guidelines (2012/122):
    // a series of aggressive orders that moves the price through several levels in seconds, then the
    // same trader takes the other side at the moved price.
    maxBurstSpanMs: { value: 3000, description: "the aggressive orders fall within this span" },
    minAggressiveOrders: { value: 3, integer: true, description: "aggressive orders in the burst" },
    minPriceMoveBps: { value: 10, description: "price move from before the burst to its furthest fill" },
    minLevelsCrossed: { value: 3, integer: true, description: "distinct prices traded through" },
    // The outer bound only: the ignition ends sooner when the market trades back to its start (see
    // momentum.ts). Reversals came 11-27 s after the burst in the independent evaluation (issue 10).
    maxReversalDelayMs: { value: 60_000, description: "opposite trade at most this long after the burst" },
    minMoveCaptured: { value: 0.3, max: 1, description: "opposite trade's price as a share of the move" },
  },
  front_running: {
    // FINRA Rule 5270 (front running of block transactions), Supplementary Material .03: a block is
    // 10,000 shares or $200,000 of market value.
    minBlockQuantity: { value: 10_000, description: "agency order size making a block (shares)" },
    minBlockNotional: { value: 200_000, description: "or agency order value making a block" },
    // A block worth trading ahead of moves the price: it must also stand out from the symbol's flow.
    minBlockVsMedianOrder: { value: 4, description: "block size / the symbol's median order size" },
    // Desks work parent orders in child orders of one to a few times the typical size (Almgren & Chriss,
    // "Optimal execution of portfolio transactions", 2000); a block is sent whole, several times that.
    minBlockVsMedianAgencyOrder: {
      value: 2.5,
      description: "block size / the symbol's median agency order size",
    },
    minPrincipalLeadMs: { value: 0, description: "principal order at least this long before the block" },
    maxPrincipalLeadMs: { value: 30_000, description: "and at most this long before it" },
    maxUnwindAfterMs: { value: 30_000, description: "unwind at most this long after the block" },
    minProfitBps: { value: 1, description: "unwind price better than the entry by at least this" },
    minUnwoundFraction: { value: 0.5, max: 1, description: "share of the position closed after the block" },
  },
  quote_stuffing: {
    // SEC/CFTC joint report on May 6, 2010 and Nanex's quote-stuffing studies: bursts of hundreds to
    // thousands of messages per second from one participant, almost all cancelled; the micro-burst
    // rule (80 messages in 1 ms) follows the issue text.
    minMessagesPerSecond: { value: 100, description: "one user's messages in one symbol per second" },
    minSustainedSeconds: { value: 2, integer: true, description: "consecutive seconds above the rate" },
    microBurstMessages: { value: 80, integer: true, description: "messages making a micro-burst" },
    microBurstMs: { value: 1, description: "span of a micro-burst" },
    minCancelRatio: { value: 0.8, max: 1, description: "cancels and modifies / orders entered" },
    maxFillRatio: { value: 0.1, max: 1, description: "fills / orders entered" },
  },
} as const satisfies Record<ManipulationType, ThresholdConfig>;

export type ThresholdKey<T extends ManipulationType> = keyof (typeof THRESHOLD_DEFAULTS)[T] & string;
export type Thresholds<T extends ManipulationType> = Record<ThresholdKey<T>, number>;
export type ThresholdOverrides = { [T in ManipulationType]?: Partial<Thresholds<T>> };

/** The current values of a type's thresholds (a fresh mutable object the detector reads per event). */
export function defaultThresholds<T extends ManipulationType>(type: T): Thresholds<T> {
  const values: Record<string, number> = {};
  for (const [key, setting] of Object.entries(THRESHOLD_DEFAULTS[type] as ThresholdConfig))
    values[key] = setting.value;
  return values as Thresholds<T>;
}

/**
 * Checks `changes` against `config` (the detector's current settings) and returns the merged values.
 * Throws an Error naming the first bad key: unknown, not a finite number >= 0, above its maximum, not
 * whole where counts are expected, or a minX above its maxX (after the merge).
 */
export function validateThresholds(
  type: ManipulationType,
  config: ThresholdConfig,
  changes: Readonly<Record<string, number>>,
): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const [key, setting] of Object.entries(config)) merged[key] = setting.value;
  for (const [key, value] of Object.entries(changes)) {
    const setting = config[key];
    if (setting === undefined) throw new Error(`${type} threshold ${key}: unknown threshold`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      throw new Error(`${type} threshold ${key}: expected a finite number >= 0, got ${String(value)}`);
    if (setting.max !== undefined && value > setting.max)
      throw new Error(`${type} threshold ${key}: expected at most ${setting.max}, got ${value}`);
    if (setting.integer === true && !(Number.isInteger(value) && value >= 1))
      throw new Error(`${type} threshold ${key}: expected a whole number >= 1, got ${value}`);
    merged[key] = value;
  }
  for (const [key, value] of Object.entries(merged)) {
    if (!key.startsWith("min")) continue;
    const maxKey = `max${key.slice(3)}`;
    const max = merged[maxKey];
    if (max !== undefined && value > max)
      throw new Error(`${type} threshold ${key}: ${value} is above ${maxKey} ${max}`);
  }
  return merged;
}

/** A config whose values are the given thresholds (for getThresholdConfig). */
export function configOf(type: ManipulationType, values: Readonly<Record<string, number>>): ThresholdConfig {
  const config: ThresholdConfig = {};
  // values always holds every key of the type (it comes from defaultThresholds/validateThresholds).
  for (const [key, setting] of Object.entries(THRESHOLD_DEFAULTS[type] as ThresholdConfig))
    config[key] = { ...setting, value: values[key] as number };
  return config;
}
