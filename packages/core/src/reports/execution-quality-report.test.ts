import { describe, expect, it } from "vitest";
import { buildExecutionQuality, sizeBucketOf, type CoveredExecution } from "./execution-quality-report";

const execution = (extra: Partial<CoveredExecution>): CoveredExecution => ({
  orderId: "o1",
  venueId: "V1",
  orderType: "market",
  side: "buy",
  orderShares: 100,
  bid: 10.0,
  ask: 10.02,
  receivedAt: 0,
  executedShares: 100,
  executedPrice: 10.01,
  executedAt: 40,
  midpointAfter15s: 10.03,
  midpointAfter1m: 10.0,
  ...extra,
});

describe("Rule 605 size buckets", () => {
  it("buckets by notional at the lower bounds of the OES specification", () => {
    expect(
      [0, 249.99, 250, 999.99, 1000, 4999, 5000, 10_000, 19_999, 20_000, 50_000, 199_999, 200_000, 1e9].map(
        sizeBucketOf,
      ),
    ).toEqual([0, 0, 250, 250, 1000, 1000, 5000, 10_000, 10_000, 20_000, 50_000, 50_000, 200_000, 200_000]);
  });
});

describe("Rule 605 execution quality, hand-worked", () => {
  // E1: buy 100 at 10.01 against 10.00 x 10.02 (midpoint 10.01, quoted 0.02), 40 ms, midpoints 10.03 / 10.00 later.
  // E2: sell 300 at 9.99 against 10.00 x 10.04 (midpoint 10.02, quoted 0.04), 100 ms, midpoint 10.00 after 15 s.
  // Notionals 1,001 and 3,006: both in the $1,000-<$5,000 bucket.
  const rows = buildExecutionQuality([
    execution({}),
    execution({
      orderId: "o2",
      side: "sell",
      orderShares: 300,
      ask: 10.04,
      executedShares: 300,
      executedPrice: 9.99,
      receivedAt: 1000,
      executedAt: 1100,
      midpointAfter15s: 10.0,
      midpointAfter1m: null,
    }),
  ]);

  it("gives one row for the venue, order type and bucket", () => {
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      venueId: "V1",
      orderType: "market",
      sizeBucket: 1000,
      orders: 2,
      executedShares: 400,
    });
  });

  it("equals the hand-worked values", () => {
    const row = rows[0];
    // Average order 200 shares, notional (1,001 + 3,006) / 2.
    expect(row?.averageOrderShares).toBeCloseTo(200, 10);
    expect(row?.averageOrderNotional).toBeCloseTo(2003.5, 10);
    // Share-weighted midpoint (10.01 x 100 + 10.02 x 300) / 400 = 10.0175.
    expect(row?.averageMidpoint).toBeCloseTo(10.0175, 10);
    // Only E1's 100 shares were at or better than the quote, and improved by 0.01.
    expect(row?.atOrBetterShare).toBeCloseTo(0.25, 10);
    expect(row?.priceImprovedShare).toBeCloseTo(0.25, 10);
    expect(row?.averagePriceImprovement).toBeCloseTo(0.01, 10);
    // Effective: E1 2 x (10.01 - 10.01) = 0, E2 2 x (10.02 - 9.99) = 0.06 → (0 + 18) / 400 = 0.045.
    expect(row?.averageEffectiveSpread).toBeCloseTo(0.045, 10);
    // Quoted: (0.02 x 100 + 0.04 x 300) / 400 = 0.035; E/Q = 0.045 / 0.035 = 1.285714...
    expect(row?.averageQuotedSpread).toBeCloseTo(0.035, 10);
    expect(row?.effectiveOverQuoted).toBeCloseTo(9 / 7, 10);
    expect(row?.effectiveSpreadPct).toBeCloseTo(0.045 / 10.0175, 10);
    expect(row?.quotedSpreadPct).toBeCloseTo(0.035 / 10.0175, 10);
    // Realized 15 s: E1 2 x (10.01 - 10.03) = -0.04, E2 2 x (10.00 - 9.99) = 0.02 → (-4 + 6) / 400 = 0.005.
    expect(row?.averageRealizedSpread15s).toBeCloseTo(0.005, 10);
    // Realized 1 min: E1 only, 2 x (10.01 - 10.00) = 0.02.
    expect(row?.averageRealizedSpread1m).toBeCloseTo(0.02, 10);
    // Time: (40 x 100 + 100 x 300) / 400 = 85 ms.
    expect(row?.averageExecutionMs).toBeCloseTo(85, 10);
  });

  it("leaves out uncovered orders and executions without a two-sided quote or shares", () => {
    expect(
      buildExecutionQuality([
        execution({ orderType: "non_marketable_limit" }),
        execution({ orderType: "other" }),
        execution({ bid: 0 }),
        execution({ executedShares: 0 }),
      ]),
    ).toEqual([]);
  });

  it("is blank where there is nothing to divide by, and sorts by venue, type and bucket", () => {
    const sorted = buildExecutionQuality([
      execution({
        venueId: "V2",
        bid: 10,
        ask: 10,
        executedPrice: 10.01,
        midpointAfter15s: null,
        midpointAfter1m: null,
      }),
      execution({ venueId: "V1", orderType: "marketable_limit", orderShares: 1000 }),
      execution({ venueId: "V1", orderType: "marketable_limit" }),
      execution({ venueId: "V1" }),
    ]);
    expect(sorted.map((r) => [r.venueId, r.orderType, r.sizeBucket])).toEqual([
      ["V1", "market", 1000],
      ["V1", "marketable_limit", 1000],
      ["V1", "marketable_limit", 10_000],
      ["V2", "market", 1000],
    ]);
    const locked = sorted[3];
    expect(locked?.effectiveOverQuoted).toBeNull();
    expect(locked?.averagePriceImprovement).toBeNull();
    expect(locked?.averageRealizedSpread15s).toBeNull();
    expect(locked?.averageRealizedSpread1m).toBeNull();
  });
});
