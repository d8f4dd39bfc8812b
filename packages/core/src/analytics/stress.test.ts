import { describe, expect, it } from "vitest";
import { Decimal, sumDecimals, toDecimal } from "../money";
import { position } from "./fixtures.testing";
import { HISTORICAL_SCENARIOS, runHistoricalScenario, runStressScenario, scenariosWithin } from "./stress";
import type { HistoricalScenario } from "./stress";
import type { PriceHistory } from "./types";

describe("user scenarios", () => {
  it("P&L per position = quantity x price x change, exact; unlisted symbols move by `otherwise`", () => {
    const positions = [
      position("AAA", "100", "61.61"),
      position("BBB", "-30", "12.345"),
      position("CCC", "7", "3"),
    ];
    const result = runStressScenario(
      positions,
      new Map([
        ["AAA", toDecimal("-0.2")],
        ["BBB", toDecimal("0.1")],
      ]),
      {
        name: "tech -20 %",
        otherwise: toDecimal("-0.05"),
      },
    );
    expect(result.scenario).toBe("tech -20 %");
    expect(
      result.positions.map((p) => [p.symbol, p.value.toString(), p.change?.toString(), p.pnl.toString()]),
    ).toEqual([
      ["AAA", "6161", "-0.2", "-1232.2"],
      ["BBB", "-370.35", "0.1", "-37.04"], // -37.035 rounds half-even to -37.04
      ["CCC", "21", "-0.05", "-1.05"],
    ]);
    expect(result.pnl.toString()).toBe("-1270.29");
    expect(result.pnlFraction).toBeCloseTo(-1270.29 / (6161 + 370.35 + 21), 12);
  });

  it("no changes: zero P&L; an empty book has a zero fraction", () => {
    const result = runStressScenario([position("AAA", "1", "1")], new Map());
    expect(result.scenario).toBe("user scenario");
    expect(result.pnl.isZero()).toBe(true);
    expect(runStressScenario([], new Map()).pnlFraction).toBe(0);
  });

  it("money sums are exact: 10,000 positions of 0.01 x 0.1 change", () => {
    const positions = Array.from({ length: 10_000 }, () => position("AAA", "1", "0.1"));
    const result = runStressScenario(positions, new Map([["AAA", new Decimal("0.1")]]), { moneyScale: 4 });
    expect(result.pnl.toString()).toBe("100");
    expect(sumDecimals(result.positions.map((p) => p.pnl)).toString()).toBe("100");
  });
});

describe("historical scenarios replayed from the history", () => {
  const history: PriceHistory = {
    dates: ["2015-08-20", "2015-08-21", "2015-08-24", "2015-08-25"],
    closes: new Map([
      ["AAA", Float64Array.from([101, 100, 96.1, 97])],
      ["GAP", Float64Array.from([10, Number.NaN, 9, 9])],
      ["NEW", Float64Array.from([Number.NaN, 5, Number.NaN, 5])],
      ["SPIN", Float64Array.from([40, 40, 20, 20])],
      ["SHORT", Float64Array.from([1, 1])],
    ]),
  };
  const flash = HISTORICAL_SCENARIOS.find((s) => s.id === "2015-08-24") as HistoricalScenario;

  it("ships the three scenarios of the issue, and three earlier ones", () => {
    expect(HISTORICAL_SCENARIOS.map((s) => [s.id, s.from, s.to])).toEqual([
      ["2015-08-24", "2015-08-21", "2015-08-24"],
      ["2016-06-24", "2016-06-23", "2016-06-24"],
      ["energy-2015-16", "2015-06-23", "2016-02-11"],
      ["2012-11-07", "2012-11-06", "2012-11-07"],
      ["2013-06-20", "2013-06-19", "2013-06-20"],
      ["emerging-markets-2014", "2014-01-15", "2014-02-03"],
    ]);
  });

  it("offers only the scenarios that ended by the history's last date", () => {
    const ids = (last: string) =>
      scenariosWithin({ dates: ["2012-08-13", last], closes: new Map() }).map((s) => s.id);
    expect(ids("2014-02-03")).toEqual(["2012-11-07", "2013-06-20", "emerging-markets-2014"]);
    expect(ids("2014-01-31")).toEqual(["2012-11-07", "2013-06-20"]);
    expect(ids("2015-08-24")).toEqual(["2015-08-24", "2012-11-07", "2013-06-20", "emerging-markets-2014"]);
    expect(scenariosWithin({ dates: [], closes: new Map() })).toEqual([]);
  });

  it("applies close(to)/close(from) - 1 exactly; reports symbols it cannot price", () => {
    const positions = ["AAA", "GAP", "NEW", "SPIN", "SHORT", "NONE"].map((symbol) =>
      position(symbol, "10", "50"),
    );
    const result = runHistoricalScenario(positions, history, flash);
    expect(result.scenario).toBe("2015-08-24");
    const [aaa, ...others] = result.positions;
    expect(aaa?.change?.toString()).toBe("-0.039");
    expect(aaa?.pnl.toString()).toBe("-19.5");
    expect(others.map((p) => [p.symbol, p.change, p.pnl.toString(), p.note])).toEqual([
      ["GAP", null, "0", "no GAP close on 2015-08-21"],
      ["NEW", null, "0", "no NEW close on 2015-08-24"],
      ["SPIN", null, "0", "suspect -50.0 % move on 2015-08-24 (spin-off or glitch?)"],
      ["SHORT", null, "0", "no SHORT close on 2015-08-24"],
      ["NONE", null, "0", "no NONE close on 2015-08-21"],
    ]);
    expect(result.pnl.toString()).toBe("-19.5");
  });

  it("a scenario outside the history prices nothing", () => {
    const brexit = HISTORICAL_SCENARIOS[1] as HistoricalScenario;
    const result = runHistoricalScenario([position("AAA", "1", "1")], history, brexit, { moneyScale: 0 });
    expect(result.positions[0]?.note).toBe("no AAA close on 2016-06-23");
    const before: HistoricalScenario = {
      id: "old",
      name: "before the data",
      from: "2001-09-10",
      to: "2001-09-17",
    };
    expect(runHistoricalScenario([position("AAA", "1", "1")], history, before).positions[0]?.note).toBe(
      "no AAA close on 2001-09-10",
    );
  });
});
