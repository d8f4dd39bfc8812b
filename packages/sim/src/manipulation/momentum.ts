import type { AgentMarket, SimulatedUser } from "../agents/agent";
import { moreAggressive, shares, through, touchTicks, uniform } from "../agents/book-moves";
import type { Episode } from "./episode";
import { directionalOpening } from "./openings";
import type { Injector } from "./manipulator-agent";

/**
 * Momentum ignition as the SEC's Concept Release on Equity Market Structure (34-61358, 2010, s.IV.B.2)
 * describes it: a burst of up to 4-8 aggressive orders (20-400 ms apart, within 3 s) meant to ignite a
 * rapid move of 20-60 bp, each sweeping the book from the touch to a step beyond it, then, 0.2-27 s
 * later, an order the other
 * way at 55-90 % of the move for those who chase it (market makers leaning on the flow's impact
 * and momentum-chasing retail, see symbol-market.ts and noise-trader.ts). What is still open 3-6 s on
 * goes at the touch.
 */
const BURST_MS = 3_000;
/**
 * The exit follows the burst by 0.2 s up to 27 s: the quick flips of the SEC's description and the
 * reversals 11-27 s after the burst of the independent evaluation's flow (issue 10).
 */
const EXIT_AFTER_MAX_MS = 27_000;
/** The share of the move the last sale may give back before the manipulator gets out. */
const FADED_SHARE = 0.6;
/** The "k bps" for a move worth the name (10 bp, a few times a liquid stock's spread). */
const MIN_IGNITION_BPS = 10;

export function momentumInjector(users: readonly SimulatedUser[]): Injector {
  return {
    type: "momentum",
    maxEpisodeMs: 60_000,
    pickUser: (market) => market.random.pick(users),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      // The move aimed at: 20-60 bp (at least 3 ticks), towards whichever end of the day's range has room
      // for it (the replay never trades outside the day's real high and low).
      const targetTicks = Math.max(3, Math.round((market.fairValueTicks * uniform(random, 20, 60)) / 10_000));
      const opening = directionalOpening(market, Math.ceil(1.5 * targetTicks));
      if (opening === undefined) {
        episode.abandon();
        return;
      }
      const { side, exitSide, farTouch: startTicks } = opening;
      const maxOrders = random.intBetween(4, 8);
      const stepTicks = Math.max(1, Math.round(targetTicks / maxOrders));
      const burstEndsMs = Date.parse(market.occurredAt) + BURST_MS;
      let position = 0;
      let tradedOrders = 0;
      let lastFillLimit: number | undefined;
      let furthestFillTicks: number | undefined;
      const levels = new Set<number>();
      const priceBefore = market.lastTradeTicks() ?? startTicks;
      let lastLimit: number | undefined;
      const moved = (): number => (lastFillLimit === undefined ? 0 : Math.abs(lastFillLimit - startTicks));

      // Each order takes everything shown from the touch to a step beyond it, until the move is made.
      const aggress = (index: number): void => {
        const farTouch = touchTicks(market, exitSide);
        const done = index >= maxOrders || (tradedOrders >= 3 && moved() >= targetTicks);
        if (done || Date.parse(market.occurredAt) > burstEndsMs) {
          const exitAtMs = Date.parse(market.occurredAt) + uniform(random, 200, EXIT_AFTER_MAX_MS);
          market.after(uniform(random, 200, 1_000), () => holdThenExit(exitAtMs));
          return;
        }
        if (farTouch === undefined) {
          market.after(uniform(random, 50, 300), () => aggress(index));
          return;
        }
        // Never aims lower than the step before: the burst walks the price one way.
        const from =
          lastLimit === undefined || moreAggressive(side, farTouch, lastLimit) ? farTouch : lastLimit;
        const limitTicks = through(side, from, stepTicks);
        lastLimit = limitTicks;
        const result = episode.submit({
          user,
          side,
          quantity: shares(Math.max(market.depthTo(exitSide, limitTicks), market.typicalSize * 0.5)),
          priceTicks: limitTicks,
          capacity: "principal",
          timeInForce: "ioc",
        });
        position += result.filledQuantity;
        if (result.filledQuantity > 0 && result.lastFillTicks !== undefined) {
          tradedOrders++;
          lastFillLimit = limitTicks;
          if (
            furthestFillTicks === undefined ||
            moreAggressive(side, result.lastFillTicks, furthestFillTicks)
          )
            furthestFillTicks = result.lastFillTicks;
          levels.add(result.lastFillTicks);
          if (result.firstFillTicks !== undefined) levels.add(result.firstFillTicks);
        }
        market.after(uniform(random, 20, 400), () => aggress(index + 1));
      };

      // Sells (buys) what it took near the top of the move, to those chasing it; what is left after a few
      // seconds goes at the touch.
      // Holds while the chase lasts: out at the planned time, or sooner once the last sale has given
      // back more than FADED_SHARE of the move (the rally is ending; no manipulator waits it out).
      const holdThenExit = (exitAtMs: number): void => {
        const last = market.lastTradeTicks();
        const kept = last === undefined ? 0 : side === "buy" ? last - startTicks : startTicks - last;
        if (kept < FADED_SHARE * moved() || Date.parse(market.occurredAt) >= exitAtMs) exit();
        else market.after(uniform(random, 300, 1_000), () => holdThenExit(exitAtMs));
      };
      const exit = (): void => {
        // A burst that did not get going ignited nothing: unwound, but not labelled. Going means three or
        // more orders traded, on three or more price levels, the furthest fill at least MIN_IGNITION_BPS
        // beyond the last sale before the burst, in its direction (the quotes can drift against a burst,
        // or a thin book give it nothing to take).
        const ignitionBps =
          furthestFillTicks === undefined
            ? 0
            : ((side === "buy" ? furthestFillTicks - priceBefore : priceBefore - furthestFillTicks) /
                priceBefore) *
              10_000;
        // Nor did one whose move was gone again by the exit (the last sale back at or beyond where the
        // burst started): there was no moved price left to trade at, only a loss to take.
        const last = market.lastTradeTicks() ?? priceBefore;
        const held = side === "buy" ? last > priceBefore : last < priceBefore;
        const ignited = tradedOrders >= 3 && levels.size >= 3 && ignitionBps >= MIN_IGNITION_BPS && held;
        const end = (): void => (ignited ? episode.finish() : episode.abandon());
        if (position === 0 || lastFillLimit === undefined) {
          end();
          return;
        }
        const exitTicks = through(
          side,
          startTicks,
          Math.round(Math.abs(lastFillLimit - startTicks) * uniform(random, 0.55, 0.9)),
        );
        const exitOrder = episode.submit({
          user,
          side: exitSide,
          quantity: position,
          priceTicks: exitTicks,
          capacity: "principal",
          timeInForce: "day",
        });
        market.after(uniform(random, 3_000, 6_000), () => {
          const open = market.openQuantity(exitOrder.orderId);
          const touch = touchTicks(market, side);
          if (open > 0 && touch !== undefined) episode.modify(exitOrder.orderId, touch, open);
          if (market.openQuantity(exitOrder.orderId) > 0) episode.cancel(exitOrder.orderId);
          end();
        });
      };

      aggress(0);
    },
  };
}
