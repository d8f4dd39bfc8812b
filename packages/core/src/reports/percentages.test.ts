import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { netDollarsOf, netPaymentOf } from "./net-payment";
import { partitionPercentages, percentOf } from "./percentages";

describe("report percentages", () => {
  it("rounds half up to two decimals and is blank over nothing", () => {
    expect(percentOf(2, 3)?.toFixed(2)).toBe("66.67");
    expect(percentOf(1, 8)?.toFixed(2)).toBe("12.50");
    expect(percentOf(1, 800)?.toFixed(2)).toBe("0.13");
    expect(percentOf(new Decimal(5), 0)).toBeNull();
  });

  it("splits a partition so the parts add up to exactly 100.00", () => {
    const thirds = partitionPercentages([1, 1, 1]);
    expect(thirds.map((p) => p?.toFixed(2))).toEqual(["33.34", "33.33", "33.33"]);
    const sevenths = partitionPercentages([1, 2, 4, 0]);
    expect(sevenths.map((p) => p?.toFixed(2))).toEqual(["14.29", "28.57", "57.14", "0.00"]);
    for (const parts of [
      [1, 1, 1],
      [7, 11, 13, 2],
      [1, 2, 4],
      [999, 1, 1, 1],
    ]) {
      const total = partitionPercentages(parts).reduce<Decimal>((sum, p) => sum.plus(p ?? 0), new Decimal(0));
      expect(total.toFixed(2)).toBe("100.00");
    }
    expect(partitionPercentages([0, 0])).toEqual([null, null]);
  });
});

describe("net payment (Rule 606(a)(1)(iii))", () => {
  it("adds payment for order flow, subtracts fees and adds rebates", () => {
    // 1,000 shares at $0.002 PFOF = $2.00, less $0.30 fees = $1.70 = 17 cents per hundred shares.
    const net = netDollarsOf(new Decimal(1000), new Decimal("0.30"), new Decimal("0.002"));
    expect(net.toFixed()).toBe("1.7");
    const payment = netPaymentOf(net, new Decimal(1000));
    expect(payment.usd.toFixed(2)).toBe("1.70");
    expect(payment.centsPerHundredShares?.toFixed(4)).toBe("17.0000");
    // A $0.25 rebate (negative fee) on 300 shares, no PFOF: received 8.3333 cents per hundred shares.
    const rebate = netPaymentOf(
      netDollarsOf(new Decimal(300), new Decimal("-0.25"), new Decimal(0)),
      new Decimal(300),
    );
    expect(rebate.centsPerHundredShares?.toFixed(4)).toBe("8.3333");
    expect(netPaymentOf(new Decimal(0), new Decimal(0)).centsPerHundredShares).toBeNull();
  });
});
