import { describe, expect, it } from "vitest";
import { quarterOptions, quarterParam } from "./quarter-options";

describe("the quarter picker", () => {
  it("lists the current quarter back to the first with routed orders, newest first", () => {
    expect(quarterOptions("2016Q3", "2015Q4")).toEqual(["2016Q3", "2016Q2", "2016Q1", "2015Q4"]);
  });

  it("always offers the last complete quarter, and at most twenty years", () => {
    expect(quarterOptions("2026Q4", "2026Q4")).toEqual(["2026Q4", "2026Q3"]);
    expect(quarterOptions("2026Q4", "2000Q1")).toHaveLength(80);
  });

  it("takes a quarter from the address only when it is one", () => {
    expect(quarterParam("2016Q2")).toBe("2016Q2");
    expect(quarterParam("2016Q5")).toBeUndefined();
    expect(quarterParam(["2016Q2"])).toBeUndefined();
  });
});
