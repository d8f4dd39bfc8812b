import type { Side } from "@nexus/core/events";
import type { SeededRandom } from "../random";

/**
 * A named user who builds and then tends a book (the embedded demo's trader, whose Portfolio screen must
 * show positions and VaR from the first sign-in): in each of its symbols it buys at the market towards a
 * target value, then now and then trims or adds a few round lots, so the book and its risk keep moving.
 * This is its decision at one turn in one symbol; the caller sends the order (through the Smart Order
 * Router in the worker's routed flow) and counts what filled into `held` for the next turn.
 */
export interface HolderTurn {
  /** Shares of the symbol held now. */
  held: number;
  /** The symbol's price now (the market's midpoint). */
  price: number;
  /** Money per symbol the holder aims at. */
  targetValue: number;
}

/** A market order of the holder's: it only takes liquidity, so it never rests in a book. */
export interface HolderOrder {
  side: Side;
  quantity: number;
}

const ROUND_LOT = 100;
/**
 * The most one buy asks for while the position is built: ten round lots, within the sizes the simulated
 * clients send, so a position of 100,000 fills in one to a few turns.
 */
const MAX_BUILD_ORDER = 10 * ROUND_LOT;
/** Share of a built position's turns that trim or add. */
const TEND_CHANCE = 0.2;

/** The order the holder sends at this turn, or undefined to leave the position as it is. */
export function nextHolderOrder(turn: HolderTurn, random: SeededRandom): HolderOrder | undefined {
  const target = Math.max(ROUND_LOT, Math.round(turn.targetValue / turn.price / ROUND_LOT) * ROUND_LOT);
  if (turn.held < target) return { side: "buy", quantity: Math.min(target - turn.held, MAX_BUILD_ORDER) };
  // Built: tend the book now and then, a round lot or a few either way (never selling more than is held,
  // which the target's one round lot at least guarantees is something).
  if (!random.chance(TEND_CHANCE)) return undefined;
  const lots = ROUND_LOT * (1 + random.int(3));
  return random.chance(0.5)
    ? { side: "buy", quantity: lots }
    : { side: "sell", quantity: Math.min(lots, turn.held) };
}
