import { describe, expect, it } from "vitest";
import { timeWeightedReturns } from "./time-weighted-return";

/** An account opened with 1,000 on 1 June that gains 10 % on 2 June and 5 % on 3 June. */
const opening = { date: "2026-06-01", amount: 1000 };

describe("timeWeightedReturns", () => {
  it("leaves the return unchanged when money is deposited mid-period (GIPS time-weighted return)", () => {
    const withoutDeposit = timeWeightedReturns(
      [
        { date: "2026-06-01", value: 1000 },
        { date: "2026-06-02", value: 1100 },
        { date: "2026-06-03", value: 1155 },
      ],
      [opening],
    );
    // 1,100 more arrives at the start of 3 June and earns the same 5 % as the rest: 2,200 -> 2,310.
    const withDeposit = timeWeightedReturns(
      [
        { date: "2026-06-01", value: 1000 },
        { date: "2026-06-02", value: 1100 },
        { date: "2026-06-03", value: 2310 },
      ],
      [opening, { date: "2026-06-03", amount: 1100 }],
    );
    expect(withoutDeposit.totalReturn).toBeCloseTo(0.155, 12);
    expect(withDeposit.totalReturn).toBeCloseTo(0.155, 12);
    expect(Array.from(withDeposit.returns)).toEqual([0, expect.closeTo(0.1, 12), expect.closeTo(0.05, 12)]);
    expect(Array.from(withDeposit.flows)).toEqual([1000, 0, 1100]);
    expect(withDeposit.netFlows).toBe(2100);
    expect(Array.from(withDeposit.cumulative)).toEqual([
      0,
      expect.closeTo(0.1, 12),
      expect.closeTo(0.155, 12),
    ]);
  });

  it("does not count a withdrawal as a loss", () => {
    // Half of 1,100 is paid out at the start of 3 June; the 550 left gains 5 %.
    const result = timeWeightedReturns(
      [
        { date: "2026-06-01", value: 1000 },
        { date: "2026-06-02", value: 1100 },
        { date: "2026-06-03", value: 577.5 },
      ],
      [opening, { date: "2026-06-03", amount: -550 }],
    );
    expect(result.totalReturn).toBeCloseTo(0.155, 12);
  });

  it("starts a range at the valuation before it and adds a flow of a day without valuation to the next", () => {
    const result = timeWeightedReturns(
      [
        { date: "2026-06-01", value: 1000 },
        { date: "2026-06-02", value: 1100 },
        // No valuation on 6 June (a Saturday): its deposit is in the sub-period ending 8 June.
        { date: "2026-06-08", value: 1320 },
        { date: "2026-06-09", value: 1386 },
      ],
      [opening, { date: "2026-06-06", amount: 100 }],
      { from: "2026-06-03", to: "2026-06-08" },
    );
    expect(result.dates).toEqual(["2026-06-08"]);
    expect(Array.from(result.flows)).toEqual([100]);
    // (1,320 - 1,100 - 100) / (1,100 + 100)
    expect(result.totalReturn).toBeCloseTo(0.1, 12);
    expect(result.netFlows).toBe(100);
  });

  it("ignores flows that belong to sub-periods before the range", () => {
    const result = timeWeightedReturns(
      [
        { date: "2026-06-01", value: 1000 },
        { date: "2026-06-02", value: 1100 },
      ],
      [opening],
      { from: "2026-06-02" },
    );
    expect(Array.from(result.flows)).toEqual([0]);
    expect(result.totalReturn).toBeCloseTo(0.1, 12);
  });

  it("gives no return to a sub-period without capital at work, and skips it when linking", () => {
    const result = timeWeightedReturns(
      [
        { date: "2026-06-01", value: 0 },
        { date: "2026-06-02", value: 1050 },
      ],
      [{ date: "2026-06-02", amount: 1000 }],
    );
    expect(result.undefinedDates).toEqual(["2026-06-01"]);
    expect(Number.isNaN(result.returns[0])).toBe(true);
    expect(result.cumulative[0]).toBe(0);
    expect(result.totalReturn).toBeCloseTo(0.05, 12);
  });

  it("answers an empty series when no valuation falls in the range", () => {
    const result = timeWeightedReturns([{ date: "2026-06-01", value: 1000 }], [opening], {
      from: "2026-07-01",
    });
    expect(result.dates).toEqual([]);
    expect(result.totalReturn).toBe(0);
    expect(result.netFlows).toBe(0);
  });
});
