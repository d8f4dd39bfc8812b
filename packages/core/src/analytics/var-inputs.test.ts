/**
 * Input checks of the VaR (issue 14): every bad request is an outcome naming the field or the symbols, in
 * the module's usual `{ ok: false, error }` shape, never a NaN figure or a thrown TypeError.
 */
import { describe, expect, it } from "vitest";
import { closesFrom, dailyDates, position, twoAssetHistory } from "./fixtures.testing";
import type { Outcome, PriceHistory, VaRMethod, VaRResult } from "./types";
import { calculateVaR, calculateVaRs } from "./var";
import type { VaROptions } from "./var";

const book = [position("AAA", "10", "100"), position("BBB", "-5", "40")];

function request(options: Partial<VaROptions> & { method?: string }): Outcome<VaRResult> {
  const { method = "parametric", ...rest } = options;
  return calculateVaR(book, twoAssetHistory(), {
    confidence: 0.95,
    ...rest,
    method: method as VaRMethod,
  });
}

function refusal(outcome: Outcome<unknown>) {
  if (outcome.ok) throw new Error("expected a refusal");
  return outcome.error;
}

describe("options outside their domain are refused, naming the field", () => {
  it('a horizon such as "10D" (it used to return ok with VaR NaN)', () => {
    expect(request({ horizon: "10D" as never })).toEqual({
      ok: false,
      error: {
        kind: "invalid_input",
        field: "horizon",
        message: 'horizon: must be one of 1D, 1W, 1M, 3M, 1Y (1, 5, 21, 63, 252 trading days), got "10D"',
      },
    });
    // Not fooled by what every object has.
    expect(refusal(request({ horizon: "toString" as never }))).toMatchObject({ field: "horizon" });
  });

  it("an unknown method (it used to throw a bare TypeError), also among good ones", () => {
    expect(refusal(request({ method: "garch" }))).toEqual({
      kind: "invalid_input",
      field: "method",
      message: 'method: must be one of historical, parametric, monte_carlo, cornish_fisher, got "garch"',
    });
    const mixed = calculateVaRs(book, twoAssetHistory(), ["historical", "delta_gamma" as VaRMethod], {
      confidence: 0.95,
    });
    expect(refusal(mixed).message).toMatch(/got "delta_gamma"/);
  });

  it.each([
    ["confidence", 1, "must be strictly between 0 and 1, got 1"],
    ["confidence", 0, "must be strictly between 0 and 1, got 0"],
    ["confidence", Number.NaN, "must be strictly between 0 and 1, got NaN"],
    ["confidence", "0.95", "must be strictly between 0 and 1, got 0.95"],
    ["lookbackDays", 0, "must be a whole number of trading days >= 1, got 0"],
    ["lookbackDays", 252.5, "must be a whole number of trading days >= 1, got 252.5"],
    ["asOf", "yesterday", 'must be a date YYYY-MM-DD, got "yesterday"'],
    ["asOf", "2015-02-30", 'must be a date YYYY-MM-DD, got "2015-02-30"'],
    ["moneyScale", -1, "must be a whole number of fraction digits 0-20, got -1"],
    ["moneyScale", 2.5, "must be a whole number of fraction digits 0-20, got 2.5"],
    ["moneyScale", 21, "must be a whole number of fraction digits 0-20, got 21"],
    ["paths", 0, "must be a whole number 1-1000000, got 0"],
    ["paths", 1.5, "must be a whole number 1-1000000, got 1.5"],
    ["paths", 2_000_000, "must be a whole number 1-1000000, got 2000000"],
  ] as const)("%s = %s", (field, value, problem) => {
    expect(refusal(request({ [field]: value }))).toEqual({
      kind: "invalid_input",
      field,
      message: `${field}: ${problem}`,
    });
  });

  it("a good date and path count pass", () => {
    const history = twoAssetHistory();
    expect(request({ asOf: history.dates[100], paths: 20_000, lookbackDays: 90, moneyScale: 0 }).ok).toBe(
      true,
    );
  });
});

describe("the book and its symbols", () => {
  it("an empty or fully netted book is `no_exposure` (it used to throw)", () => {
    const empty = calculateVaR([], twoAssetHistory(), { method: "historical", confidence: 0.95 });
    expect(empty).toEqual({
      ok: false,
      error: {
        kind: "no_exposure",
        positions: 0,
        message: "positions: nothing to measure, 0 position(s) and none with a non-zero net holding",
      },
    });
    const netted = calculateVaR(
      [position("AAA", "10", "100"), position("AAA", "-4", "100"), position("AAA", "-6", "100")],
      twoAssetHistory(),
      { method: "parametric", confidence: 0.99 },
    );
    expect(refusal(netted)).toMatchObject({ kind: "no_exposure", positions: 3 });
  });

  it('an unknown symbol is named (it used to read "needs at least 30 clean daily returns, has 0")', () => {
    const outcome = calculateVaR(
      [...book, position("APPL", "5", "100"), position("ZZZ", "1", "1")],
      twoAssetHistory(),
      { method: "historical", confidence: 0.95 },
    );
    expect(refusal(outcome)).toEqual({
      kind: "unknown_symbol",
      field: "positions",
      symbols: ["APPL", "ZZZ"],
      message: "positions: no price history for APPL, ZZZ",
    });
  });

  it("a closed position (lots netting to zero) is left out: unknown or gappy, it costs nothing", () => {
    const history = twoAssetHistory();
    const gappy = Float64Array.from(history.closes.get("AAA") as Float64Array);
    gappy[100] = Number.NaN;
    const withGappy: PriceHistory = {
      dates: history.dates,
      closes: new Map([...history.closes, ["GAP", gappy]]),
    };
    const closed = [position("ZZZ", "3", "10"), position("ZZZ", "-3", "10"), position("GAP", "0", "50")];
    const outcome = calculateVaR([...book, ...closed], withGappy, { method: "historical", confidence: 0.95 });
    const plain = calculateVaR(book, history, { method: "historical", confidence: 0.95 });
    expect(outcome.ok && outcome.value.components.map((c) => c.symbol)).toEqual(["AAA", "BBB"]);
    expect(outcome.ok && outcome.value.observations).toBe(120);
    expect(outcome.ok && plain.ok && outcome.value.var.toString()).toBe(
      plain.ok && plain.value.var.toString(),
    );
  });
});

describe("too little history says which lookback would do", () => {
  /** One stock, `days` returns; a missing close at each of `gaps` (each costs two returns). */
  function oneStock(days: number, gaps: number[] = []): PriceHistory {
    const closes = closesFrom(
      80,
      Array.from({ length: days }, (_, t) => (((t * 37) % 23) - 11) / 1000),
    );
    for (const t of gaps) closes[t] = Number.NaN;
    return { dates: dailyDates(days + 1), closes: new Map([["ONE", closes]]) };
  }
  const single = [position("ONE", "100", "80")];

  it("0.999 on a 252-day lookback needs 1000 clean days: lookbackDays 1002 here (a gap costs 2)", () => {
    const history = oneStock(1200, [1100]);
    const outcome = calculateVaR(single, history, { method: "historical", confidence: 0.999 });
    expect(refusal(outcome)).toEqual({
      kind: "insufficient_history",
      needed: 1000,
      available: 250,
      neededLookbackDays: 1002,
      message:
        "VaR at 0.999 confidence: needs at least 1000 clean daily returns, has 250 in the 252-day lookback; lookbackDays 1002 would hold them",
    });
    const enough = calculateVaR(single, history, {
      method: "historical",
      confidence: 0.999,
      lookbackDays: 1002,
    });
    expect(enough.ok && enough.value.observations).toBe(1000);
  });

  it("a history too short for any lookback says how many clean days it has", () => {
    const history = oneStock(600);
    const outcome = calculateVaR(single, history, {
      method: "parametric",
      confidence: 0.999,
      asOf: history.dates[500],
    });
    expect(refusal(outcome)).toMatchObject({
      needed: 1000,
      available: 252,
      neededLookbackDays: null,
      message: `VaR at 0.999 confidence: needs at least 1000 clean daily returns, has 252 in the 252-day lookback; the history holds only 500 up to ${history.dates[500]}`,
    });
    expect(
      refusal(calculateVaR(single, oneStock(20), { method: "parametric", confidence: 0.95 })).message,
    ).toMatch(/the history holds only 20 up to its last date$/);
  });
});

describe("Monte Carlo paths", () => {
  const paths = (requested: number | undefined, method: VaRMethod = "monte_carlo") => {
    const outcome = calculateVaRs(book, twoAssetHistory(), [method, "historical"], {
      confidence: 0.95,
      ...(requested === undefined ? {} : { paths: requested }),
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value.map((result) => ({ observations: result.observations, notes: result.notes }));
  };

  it("a request below the minimum is raised, and the result says so", () => {
    expect(paths(500)).toEqual([
      { observations: 10_000, notes: ["paths: 500 requested, raised to the minimum of 10000"] },
      { observations: 120, notes: [] },
    ]);
  });

  it("an odd count is rounded up to whole antithetic pairs, said too; the default and even counts say nothing", () => {
    expect(paths(10_001)[0]).toEqual({
      observations: 10_002,
      notes: ["paths: 10001 requested, rounded up to 10002 (antithetic pairs)"],
    });
    expect(paths(undefined)[0]).toEqual({ observations: 10_000, notes: [] });
    expect(paths(12_000)[0]).toEqual({ observations: 12_000, notes: [] });
  });
});
