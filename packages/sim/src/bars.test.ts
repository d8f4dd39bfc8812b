import { describe, expect, it } from "vitest";
import { isCompleteBar, parseDailyBars } from "./bars";
import { SAMPLE_SYMBOLS, loadDailyBars, loadSampleBars, loadSectors } from "./market-data";

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

  it("keeps every row with a valid close and flags each other problem with its line and kind", () => {
    // Real rows of the source data set, each with one kind of dirt (the last one made up).
    const rows = [
      HEADER,
      "2014-03-27,GOOG,564.86,565.4,550.5,556.58,3826676.0",
      "2017-07-31,AAP,,112.9,,112.01,1979595",
      "2012-08-13,GOOG,323.39,329.74,323.02,329.67,",
      "2015-04-30,AAPL,128.64,127.88,124.58,125.15,83195423",
      "2013-06-25,FOXA,27.99,27.99,31.25,31.46,3287184",
      "2013-06-26,FOXA,n/a,32.17,0,28.45,18072.5",
    ];
    const { bars, issues } = parseDailyBars(rows.join("\r\n"));
    // (The two GOOG rows, years apart, also make a suspect return; those have their own test.)
    const fieldIssues = issues.filter((issue) => issue.kind !== "suspect_return");
    expect(
      fieldIssues.map(({ kind, line, symbol, message, row }) => ({ kind, line, symbol, message, row })),
    ).toEqual([
      {
        kind: "volume_format",
        line: 2,
        symbol: "GOOG",
        message: 'volume "3826676.0" written with a fraction, read as 3826676',
        row: rows[1],
      },
      { kind: "missing_price", line: 3, symbol: "AAP", message: "empty open, low", row: rows[2] },
      { kind: "missing_volume", line: 4, symbol: "GOOG", message: "empty volume", row: rows[3] },
      {
        kind: "inconsistent_range",
        line: 5,
        symbol: "AAPL",
        message: "open 128.64 above high 127.88",
        row: rows[4],
      },
      {
        kind: "inconsistent_range",
        line: 6,
        symbol: "FOXA",
        message: "low 31.25 above high 27.99, open 27.99 below low 31.25, close 31.46 above high 27.99",
        row: rows[5],
      },
      {
        kind: "invalid_price",
        line: 7,
        symbol: "FOXA",
        message: 'not a positive number: open "n/a", low "0"',
        row: rows[6],
      },
      {
        kind: "invalid_volume",
        line: 7,
        symbol: "FOXA",
        message: 'volume "18072.5" is not a whole number of shares',
        row: rows[6],
      },
    ]);
    const shown = (value: { toFixed(): string } | undefined) => (value === undefined ? "-" : value.toFixed());
    expect(
      bars.map(
        (bar) =>
          `${bar.symbol} ${bar.date} ${shown(bar.open)} ${shown(bar.high)} ${shown(bar.low)} ${bar.close.toFixed()} ${bar.volume}`,
      ),
    ).toEqual([
      "AAP 2017-07-31 - 112.9 - 112.01 1979595",
      "AAPL 2015-04-30 128.64 127.88 124.58 125.15 83195423",
      "FOXA 2013-06-25 27.99 27.99 31.25 31.46 3287184",
      "FOXA 2013-06-26 - 32.17 - 28.45 NaN",
      "GOOG 2012-08-13 323.39 329.74 323.02 329.67 NaN",
      "GOOG 2014-03-27 564.86 565.4 550.5 556.58 3826676",
    ]);
    // Only a bar with every value and a consistent range can be replayed by the simulator.
    expect(bars.filter(isCompleteBar).map((bar) => `${bar.symbol} ${bar.date}`)).toEqual(["GOOG 2014-03-27"]);
  });

  it("skips and reports rows without a valid close, unreadable rows and duplicates", () => {
    const rows = [
      HEADER,
      "2017-07-31,ABC,10,11,9,,100",
      "2017-07-31,ABD,10,11,9,abc,100",
      "2017-07-31,ABE,10,11,9,0.00,100",
      "2017-07-31,AAA,1,2,1",
      "31/07/2017,AAA,1,2,1,1,5",
      ",,1,2,1,1,5",
      "2017-08-01,AAA,1,2,1,1.5,5",
      "2017-08-01,AAA,1,2,1,1.9,7",
      '2017-08-02,"BRK.B",1,2,1,1.5,5',
      '2017-08-03,"AAA,1,2,1,1.5,5',
    ];
    const { bars, issues } = parseDailyBars(rows.join("\n"));
    expect(issues.map((issue) => [issue.line, issue.kind, issue.message])).toEqual([
      [2, "invalid_close", "empty close"],
      [3, "invalid_close", 'close "abc" is not a positive number'],
      [4, "invalid_close", 'close "0.00" is not a positive number'],
      [5, "malformed_row", "expected 7 fields with a YYYY-MM-DD date and a symbol"],
      [6, "malformed_row", "expected 7 fields with a YYYY-MM-DD date and a symbol"],
      [7, "malformed_row", "expected 7 fields with a YYYY-MM-DD date and a symbol"],
      [9, "duplicate_row", "second bar for AAA on 2017-08-01; the first is kept"],
      [11, "malformed_row", expect.stringContaining("Quote Not Closed")],
    ]);
    expect(issues.at(-1)?.row).toBe(rows[10]);
    // A quoted field is one field, without its quotes (a split on commas would keep them).
    expect(bars.map((bar) => `${bar.symbol} ${bar.close.toFixed()}`)).toEqual(["AAA 1.5", "BRK.B 1.5"]);
  });

  it("reads the columns in any order, and numbers a record spanning lines by its first line", () => {
    const { bars, issues } = parseDailyBars(
      [
        "Symbol,Date,Close,Volume,Open,High,Low",
        'X,2015-01-02,10,"1\n2",10,10,10',
        "X,2015-01-03,10,,10,10,10",
      ].join("\n"),
    );
    expect(bars.map((bar) => `${bar.date} ${bar.close.toFixed()} ${bar.volume}`)).toEqual([
      "2015-01-02 10 NaN",
      "2015-01-03 10 NaN",
    ]);
    expect(issues.map((issue) => [issue.line, issue.kind])).toEqual([
      [2, "invalid_volume"],
      [4, "missing_volume"],
    ]);
  });

  it("reads only the asked symbols, still reporting rows too broken to tell theirs", () => {
    const { bars, issues } = parseDailyBars(
      [HEADER, "2015-01-02,X,1,1,1,1,", "2015-01-02,Y,1,1,1,1,", "2015-01-02;Y;1;1;1;1;1"].join("\n"),
      { symbols: new Set(["X"]) },
    );
    expect(bars.map((bar) => bar.symbol)).toEqual(["X"]);
    expect(issues.map((issue) => [issue.line, issue.kind])).toEqual([
      [2, "missing_volume"],
      [4, "malformed_row"],
    ]);
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

  it("throws on a file without the bar columns or without a header, and returns nothing for a header alone", () => {
    expect(() => parseDailyBars("date,symbol,close\n2015-01-01,X,1")).toThrow(/open, high, low, volume/);
    expect(() => parseDailyBars("")).toThrow(/no header/);
    expect(parseDailyBars(HEADER)).toEqual({ bars: [], issues: [] });
  });
});

// Its tests parse the whole shipped file: seconds on a slow machine with the suite's other files beside it.
describe("shipped market data", { timeout: 30_000 }, () => {
  const { bars, issues } = loadDailyBars();
  const countOf = (kind: string) => issues.filter((issue) => issue.kind === kind).length;

  it("holds 110 liquid symbols over 2012-08 .. 2017-08, the 10 most traded of every GICS sector", () => {
    const symbols = new Set(bars.map((bar) => bar.symbol));
    expect(symbols.size).toBe(110);
    const dates = bars.map((bar) => bar.date).sort();
    expect(dates[0]).toBe("2012-08-13");
    expect(dates.at(-1)).toBe("2017-08-11");
    const sectors = loadSectors();
    expect(new Set(sectors.map((sector) => sector.symbol))).toEqual(symbols);
    const perSector = new Map<string, number>();
    for (const { sector } of sectors) perSector.set(sector, (perSector.get(sector) ?? 0) + 1);
    expect(Object.fromEntries(perSector)).toEqual({
      "Communication Services": 10,
      "Consumer Discretionary": 10,
      "Consumer Staples": 10,
      Energy: 10,
      Financials: 10,
      "Health Care": 10,
      Industrials: 10,
      "Information Technology": 10,
      Materials: 10,
      "Real Estate": 10,
      Utilities: 10,
    });
    expect(sectors.find((sector) => sector.symbol === "AAPL")?.subIndustry).toBe(
      "Technology Hardware, Storage & Peripherals",
    );
  });

  it("keeps every row (all have a valid close) and reports the dirt PROVENANCE.md lists", () => {
    expect(bars).toHaveLength(138_378);
    const skipped = issues.filter((issue) =>
      ["malformed_row", "invalid_close", "duplicate_row"].includes(issue.kind),
    );
    expect(skipped).toEqual([]);
    expect(countOf("missing_price")).toBe(90);
    expect(countOf("missing_volume")).toBe(406);
    expect(countOf("volume_format")).toBe(852);
    expect(countOf("inconsistent_range")).toBe(16);
    const suspects = issues
      .filter((issue) => issue.kind === "suspect_return")
      .map((issue) => `${issue.symbol} ${issue.date}`);
    expect(suspects).toHaveLength(10);
    expect(suspects).toContain("EBAY 2015-07-20");
    expect(suspects).toContain("HPQ 2015-10-19");
  });

  it("gives the simulator its 36 sample symbols, whose complete bars are the 45,253 it replayed before", () => {
    const sample = loadSampleBars();
    expect(new Set(sample.bars.map((bar) => bar.symbol))).toEqual(SAMPLE_SYMBOLS);
    expect(sample.bars).toHaveLength(45_287);
    expect(sample.bars.filter(isCompleteBar)).toHaveLength(45_253);
    expect(sample.issues).toEqual(issues.filter((issue) => SAMPLE_SYMBOLS.has(issue.symbol)));
  });
});
