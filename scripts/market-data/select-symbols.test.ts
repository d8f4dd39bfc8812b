import { parseDailyBars } from "@nexus/sim";
import { describe, expect, it } from "vitest";
import { selectSymbols } from "./select-symbols.js";

// Mean daily dollar volumes within Energy: BIG 10,000 > MID 5,000 > LOW 4,000.
const { bars } = parseDailyBars(
  [
    "date,symbol,open,high,low,close,volume",
    "2012-08-13,BIG,10,10,10,10,1000",
    "2017-08-11,BIG,10,10,10,10,1000",
    "2012-08-13,MID,10,10,10,10,500",
    "2017-08-11,MID,10,10,10,10,",
    "2012-08-13,LOW,10,10,10,10,400",
    "2017-08-11,LOW,10,10,10,10,400",
    "2013-01-02,LATE,10,10,10,10,99999",
    "2017-08-11,LATE,10,10,10,10,99999",
    "2012-08-13,NOSECTOR,10,10,10,10,99999",
    "2017-08-11,NOSECTOR,10,10,10,10,99999",
    "2012-08-13,UTIL,1,1,1,1,1",
    "2017-08-11,UTIL,1,1,1,1,1",
  ].join("\n"),
);
const sectorOf = new Map([
  ["BIG", "Energy"],
  ["MID", "Energy"],
  ["LOW", "Energy"],
  ["LATE", "Energy"],
  ["UTIL", "Utilities"],
]);
const rule = { firstDate: "2012-08-13", lastDate: "2017-08-11", perSector: 2, keep: new Set<string>() };

describe("selectSymbols", () => {
  it("takes the most traded of each sector among the symbols with a sector that traded all along", () => {
    // MID's day without a volume is left out of its mean (5,000 over one day, not 2,500 over two: below LOW).
    expect(selectSymbols(bars, sectorOf, rule)).toEqual(["BIG", "MID", "UTIL"]);
  });

  it("adds the kept symbols whatever their rank, and refuses a kept symbol that is no candidate", () => {
    expect(selectSymbols(bars, sectorOf, { ...rule, keep: new Set(["LOW"]) })).toEqual([
      "BIG",
      "LOW",
      "MID",
      "UTIL",
    ]);
    expect(() => selectSymbols(bars, sectorOf, { ...rule, keep: new Set(["LATE", "NOSECTOR"]) })).toThrow(
      /LATE, NOSECTOR/,
    );
  });
});
