import type { Agent, AgentMarket, Population, SimulatedUser } from "./agent";

/**
 * A named user who builds and then tends a book (the embedded demo's trader, whose Portfolio screen must
 * show positions and VaR from the first sign-in): in each of its symbols it buys at the market towards a
 * target value, then now and then trims or adds a little, so the book and its risk keep moving as the
 * simulated market trades. It only takes liquidity (market orders), so it never rests in a book.
 */
export interface PortfolioHolderOptions {
  user: SimulatedUser;
  /** The symbols of the book (each must be simulated to be bought). */
  symbols: readonly string[];
  /** Money per symbol the holder aims at (default 100,000). */
  targetValue?: number;
  /**
   * Share of a symbol's actions that are the holder's (default 0.05: a few a minute in a liquid name at
   * the demo's rate, so the book fills within the first minutes).
   */
  activityWeight?: number;
}

const ROUND_LOT = 100;

class PortfolioHolderAgent implements Agent {
  private held = 0;

  constructor(
    readonly symbol: string,
    private readonly user: SimulatedUser,
    private readonly targetValue: number,
    readonly activityWeight: number,
  ) {}

  startDay(): void {}

  act(market: AgentMarket): void {
    const price = market.day.bar.close.toNumber();
    const target = Math.max(ROUND_LOT, Math.round(this.targetValue / price / ROUND_LOT) * ROUND_LOT);
    const { random } = market;
    if (this.held < target) {
      this.buy(market, Math.min(target - this.held, Math.max(ROUND_LOT, Math.round(market.typicalSize))));
      return;
    }
    // Built: tend the book now and then, a round lot or a few either way.
    if (!random.chance(0.2)) return;
    const lots = ROUND_LOT * (1 + random.int(3));
    if (random.chance(0.5)) this.buy(market, lots);
    else this.sell(market, Math.min(lots, this.held));
  }

  private buy(market: AgentMarket, quantity: number): void {
    this.held += market.submit({ user: this.user, side: "buy", quantity, priceTicks: null }).filledQuantity;
  }

  private sell(market: AgentMarket, quantity: number): void {
    if (quantity <= 0) return;
    this.held -= market.submit({ user: this.user, side: "sell", quantity, priceTicks: null }).filledQuantity;
  }
}

/** The holder as a population to hand the simulator (`extraPopulations`). */
export function portfolioHolderPopulation(options: PortfolioHolderOptions): Population {
  const symbols = new Set(options.symbols);
  return {
    users: [options.user],
    agentsFor: (symbol) =>
      symbols.has(symbol)
        ? [
            new PortfolioHolderAgent(
              symbol,
              options.user,
              options.targetValue ?? 100_000,
              options.activityWeight ?? 0.05,
            ),
          ]
        : [],
  };
}
