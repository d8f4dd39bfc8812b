/**
 * Stress tests: the P&L of today's positions under a scenario of price changes, position by position.
 *
 * - User scenarios give each symbol a fractional price change (Decimal, -0.2 = down 20 %); symbols not
 *   listed move by `otherwise` (0 by default).
 * - Built-in historical scenarios replay what the real history did between two closes (the close of the
 *   day before the event and the close at its end) to today's positions. Closes become Decimal through
 *   their shortest decimal form, so a CSV close 61.61 is exactly 61.61. A symbol without both closes, or
 *   with a suspect daily move (|r| > 40 %: spin-off or glitch, history.ts) inside the window, has no
 *   shock: it is reported with a note and contributes 0, never a made-up number.
 * P&L = quantity x price x change, rounded half-even to `moneyScale` digits per position; the total is
 * the exact sum of the rounded position P&Ls.
 */
import { Decimal, sumDecimals } from "../money";
import { closesOf, endIndex, isSuspectAt, simpleReturn } from "./history";
import type { PortfolioPosition, PriceHistory } from "./types";

export interface HistoricalScenario {
  id: string;
  name: string;
  /** Base close (the day before the event). */
  from: string;
  /** Close at the end of the event. */
  to: string;
}

export const HISTORICAL_SCENARIOS: readonly HistoricalScenario[] = [
  {
    id: "2015-08-24",
    name: "August 2015 flash crash (yuan devaluation): S&P 500 down 3.9 % on the day, opening limit-down for many names",
    from: "2015-08-21",
    to: "2015-08-24",
  },
  {
    id: "2016-06-24",
    name: "Brexit referendum result: S&P 500 down 3.6 % on 24 June 2016",
    from: "2016-06-23",
    to: "2016-06-24",
  },
  {
    id: "energy-2015-16",
    name: "2015-16 energy sell-off: WTI from about $60 (June 2015) to its $26.21 close of 11 February 2016",
    from: "2015-06-23",
    to: "2016-02-11",
  },
  // Three earlier episodes, for a portfolio valued on a day before 2015 (a simulated session replaying
  // such a day sees no later data); in the shipped bars' 110 symbols, equal-weighted: -2.0 %, -2.6 %, -4.3 %.
  {
    id: "2012-11-07",
    name: "Post-election sell-off: S&P 500 down 2.4 % on 7 November 2012, the fiscal cliff ahead",
    from: "2012-11-06",
    to: "2012-11-07",
  },
  {
    id: "2013-06-20",
    name: "Taper tantrum: S&P 500 down 2.5 % on 20 June 2013, the day after the Fed said its bond buying could slow",
    from: "2013-06-19",
    to: "2013-06-20",
  },
  {
    id: "emerging-markets-2014",
    name: "January 2014 emerging-market sell-off: S&P 500 down 5.8 % from its 15 January record to 3 February",
    from: "2014-01-15",
    to: "2014-02-03",
  },
];

/** The scenarios `history` can replay: those that ended by its last date (the others lie in its future). */
export function scenariosWithin(history: PriceHistory): HistoricalScenario[] {
  const last = history.dates.at(-1);
  return last === undefined ? [] : HISTORICAL_SCENARIOS.filter((scenario) => scenario.to <= last);
}

export interface PositionStress {
  symbol: string;
  quantity: Decimal;
  price: Decimal;
  value: Decimal;
  /** Fractional price change applied; null when the scenario has none for this symbol (see note). */
  change: Decimal | null;
  pnl: Decimal;
  note?: string;
}

export interface StressResult {
  scenario: string;
  pnl: Decimal;
  /** pnl / gross exposure. */
  pnlFraction: number;
  positions: PositionStress[];
}

export interface StressOptions {
  moneyScale?: number;
}

type Shock = { change: Decimal } | { change: null; note: string };

function stress(
  scenario: string,
  positions: readonly PortfolioPosition[],
  shockOf: (symbol: string) => Shock,
  scale: number,
): StressResult {
  const rows = positions.map(({ symbol, quantity, price }): PositionStress => {
    const value = quantity.times(price);
    const shock = shockOf(symbol);
    const pnl = shock.change === null ? new Decimal(0) : value.times(shock.change).toDecimalPlaces(scale);
    return { symbol, quantity, price, value, pnl, ...shock };
  });
  const pnl = sumDecimals(rows.map((row) => row.pnl));
  const gross = sumDecimals(rows.map((row) => row.value.abs()));
  return { scenario, pnl, pnlFraction: gross.isZero() ? 0 : pnl.div(gross).toNumber(), positions: rows };
}

/** A user scenario: symbol -> fractional price change; unlisted symbols move by `otherwise`. */
export function runStressScenario(
  positions: readonly PortfolioPosition[],
  changes: ReadonlyMap<string, Decimal>,
  options: StressOptions & { name?: string; otherwise?: Decimal } = {},
): StressResult {
  const otherwise = options.otherwise ?? new Decimal(0);
  return stress(
    options.name ?? "user scenario",
    positions,
    (symbol) => ({ change: changes.get(symbol) ?? otherwise }),
    options.moneyScale ?? 2,
  );
}

/** Replays a historical window of `history` (one of HISTORICAL_SCENARIOS, or your own) on `positions`. */
export function runHistoricalScenario(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  scenario: HistoricalScenario,
  options: StressOptions = {},
): StressResult {
  const from = endIndex(history, scenario.from);
  const to = endIndex(history, scenario.to);
  const shockOf = (symbol: string): Shock => {
    const closes = closesOf(history, symbol);
    const base = closes[from];
    const end = closes[to];
    if (history.dates[from] !== scenario.from || base === undefined || Number.isNaN(base)) {
      return { change: null, note: `no ${symbol} close on ${scenario.from}` };
    }
    if (history.dates[to] !== scenario.to || end === undefined || Number.isNaN(end)) {
      return { change: null, note: `no ${symbol} close on ${scenario.to}` };
    }
    for (let t = from + 1; t <= to; t++) {
      const r = simpleReturn(closes, t);
      if (isSuspectAt(history, symbol, t, r)) {
        return {
          change: null,
          note: `suspect ${(r * 100).toFixed(1)} % move on ${history.dates[t] as string} (spin-off or glitch?)`,
        };
      }
    }
    return { change: new Decimal(String(end)).div(String(base)).minus(1) };
  };
  return stress(scenario.id, positions, shockOf, options.moneyScale ?? 2);
}
