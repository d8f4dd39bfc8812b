import { describe, expect, it } from "vitest";
import { parseDailyBars } from "./bars.js";
import { loadSampleBars, loadSampleSectors } from "./sample-data.js";

const HEADER = "date,symbol,open,high,low,close,volume";

describe("parseDailyBars", () => {
  it("parses clean rows into Decimal bars sorted by symbol then date, whatever the row order", () => {
    const { bars, issues } = parseDailyBars(
      [
        HEADER,
        "2013-12-10,AAL,24.5,25.17,24.41,24.88,18660625",
        "2013-12-09,AAL,23.85,25.44,23.45,24.6,43197268",
        "2013-12-09,AAB,1,1,1,1,5",
      ].join("\n"),
    );
    expect(issues).toEqual([]);
    expect(bars.map((bar) => `${bar.symbol} ${bar.date} ${bar.close.toFixed()} ${bar.volume}`)).toEqual([
      "AAB 2013-12-09 1 5",
      "AAL 2013-12-09 24.6 43197268",
      "AAL 2013-12-10 24.88 18660625",
    ]);
  });

  it("reports rows with empty prices or volume, with line and raw row, and leaves them out", () => {
    const rows = [
      HEADER,
      "2017-07-31,AAP,,112.9,,112.01,1979595",
      "2017-07-31,ABC,10,11,9,,100",
      "2017-07-31,ABT,49.2,49.3,49.16,49.18,",
    ];
    const { bars, issues } = parseDailyBars(rows.join("\r\n"));
    expect(bars).toEqual([]);
    expect(
      issues.map(({ kind, line, symbol, message, row }) => ({ kind, line, symbol, message, row })),
    ).toEqual([
      { kind: "missing_price", line: 2, symbol: "AAP", message: "empty open, low", row: rows[1] },
      { kind: "missing_price", line: 3, symbol: "ABC", message: "empty close", row: rows[2] },
      { kind: "missing_volume", line: 4, symbol: "ABT", message: "empty volume", row: rows[3] },
    ]);
  });

  it("reports malformed rows, inconsistent ranges and duplicates", () => {
    const { bars, issues } = parseDailyBars(
      [
        HEADER,
        "2017-07-31,AAA,1,2,1",
        "31/07/2017,AAA,1,2,1,1,5",
        "2017-07-31,AAA,abc,2,1,1,5",
        "2017-07-31,AAA,0,2,1,1,5",
        "2017-07-31,AAA,1,2,1,2.5,5",
        "2017-08-01,AAA,1,2,1,1.5,5",
        "2017-08-01,AAA,1,2,1,1.9,7",
      ].join("\n"),
    );
    expect(issues.map((issue) => [issue.line, issue.kind])).toEqual([
      [2, "malformed_row"],
      [3, "malformed_row"],
      [4, "malformed_row"],
      [5, "malformed_row"],
      [6, "inconsistent_range"],
      [8, "duplicate_row"],
    ]);
    expect(bars.map((bar) => bar.close.toFixed())).toEqual(["1.5"]);
  });

  it("flags one-day moves beyond 40 % both ways but keeps those bars; exactly 40 % (up or down) is not flagged", () => {
    const { bars, issues } = parseDailyBars(
      [
        HEADER,
        "2015-07-17,EBAY,60,70,60,66.29,100",
        "2015-07-20,EBAY,28,30,28,28.57,100",
        "2015-07-21,EBAY,28,40,28,39.998,100",
        "2015-07-22,EBAY,20,40,20,23.9988,100",
        "2015-07-23,EBAY,20,40,20,33.61,100",
      ].join("\n"),
    );
    expect(bars).toHaveLength(5);
    expect(issues.map((issue) => [issue.kind, issue.date, issue.line])).toEqual([
      ["suspect_return", "2015-07-20", 3],
      ["suspect_return", "2015-07-23", 6],
    ]);
    expect(issues[0]?.message).toContain("-56.9 %");
  });

  it("measures returns on date order even when rows arrive out of order", () => {
    const { issues } = parseDailyBars(
      [HEADER, "2015-01-03,X,10,10,10,10,1", "2015-01-01,X,10,10,10,10,1", "2015-01-02,X,20,20,20,20,1"].join(
        "\n",
      ),
    );
    expect(issues.map((issue) => issue.date)).toEqual(["2015-01-03", "2015-01-02"]);
  });

  it("throws on a file without the bar columns, and returns nothing for a header alone", () => {
    expect(() => parseDailyBars("date,symbol,close\n2015-01-01,X,1")).toThrow(/open, high, low, volume/);
    expect(parseDailyBars(HEADER)).toEqual({ bars: [], issues: [] });
  });
});

describe("shipped sample data", () => {
  const { bars, issues } = loadSampleBars();

  it("holds 36 symbols over 2012-08 .. 2017-08 with their sectors", () => {
    const symbols = new Set(bars.map((bar) => bar.symbol));
    expect(symbols.size).toBe(36);
    const dates = bars.map((bar) => bar.date).sort();
    expect(dates[0]).toBe("2012-08-13");
    expect(dates.at(-1)).toBe("2017-08-11");
    const sectors = loadSampleSectors();
    expect(new Set(sectors.map((sector) => sector.symbol))).toEqual(symbols);
    expect(sectors.find((sector) => sector.symbol === "AAPL")?.subIndustry).toBe(
      "Technology Hardware, Storage & Peripherals",
    );
  });

  it("reports the real dirt: empty opens, the EBAY spin-off and the HPQ glitch", () => {
    expect(issues.filter((issue) => issue.kind === "missing_price")).toHaveLength(28);
    const suspects = issues
      .filter((issue) => issue.kind === "suspect_return")
      .map((issue) => `${issue.symbol} ${issue.date}`);
    expect(suspects).toContain("EBAY 2015-07-20");
    expect(suspects).toContain("HPQ 2015-10-19");
  });
});
