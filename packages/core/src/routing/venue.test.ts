import { describe, expect, it } from "vitest";
import { rejectedReport } from "./venue";

describe("rejectedReport", () => {
  it("reports a refusal with its reason and nothing filled, open or charged", () => {
    const report = rejectedReport("XNAS", "order-1", "symbol halted");
    expect(report).toMatchObject({
      venueId: "XNAS",
      orderId: "order-1",
      status: "rejected",
      rejectReason: "symbol halted",
      fills: [],
      averagePrice: null,
    });
    expect([report.filledQuantity, report.openQuantity, report.fee].map((d) => d.toFixed())).toEqual([
      "0",
      "0",
      "0",
    ]);
  });
});
