import type { SurveillanceReferenceData } from "@nexus/core/surveillance";
import type { Agent, AgentMarket, SimulatedUser, SubmitResult, TraderRole } from "../agents/agent";
import { deskIdOf } from "../agents/agency-block";
import type { BlockDesk } from "../agents/agency-block";
import {
  basisPointTicks,
  behind,
  moreAggressive,
  oppositeSide,
  randomSide,
  shares,
  touchTicks,
  uniform,
} from "../agents/book-moves";
import type { SeededRandom } from "../random";
import type { Episode } from "./episode";
import { frontRunningInjector } from "./front-running";
import { ManipulatorAgent } from "./manipulator-agent";
import type { Injector } from "./manipulator-agent";

/**
 * Benign look-alikes of the mistakes the independent evaluation found (issue 10): trading that shares
 * every measurable trait of a pattern but the one that makes it manipulation. They are paced like the
 * injectors (episodes at the same rate per symbol) but leave no label: any alert on them is a false one.
 *   - a position trader's large resting order, rested 2-141 s, pulled right after the trader took a
 *     little of the other side (spoofing: the order stood the market's risk on its own);
 *   - an agency desk's routine cancel/replace of one client's order right after another client's fill
 *     (spoofing: two beneficial owners, not one trader);
 *   - self-trade prevention: the venue cancels the trader's resting order in the millisecond the trader's
 *     own aggressive order reaches it, shortly after a first fill (spoofing: the venue's cancel);
 *   - a principal trader of another desk trading ahead of a block and out after it (front running: no
 *     way of knowing of the block; the desks are registered in the reference data).
 */
export interface LookAlikePopulation {
  agentsFor(symbol: string, intensity: number): Agent[];
  reference(): SurveillanceReferenceData;
}

const USERS_PER_LOOK_ALIKE = 3;
const CLIENTS_PER_AGENCY_DESK = 4;

export function lookAlikePopulation(
  blockDesks: readonly BlockDesk[],
  makeUser: (role: TraderRole, name: string) => SimulatedUser,
): LookAlikePopulation {
  const usersOf = (role: TraderRole, name: string): SimulatedUser[] =>
    Array.from({ length: USERS_PER_LOOK_ALIKE }, (_, index) => makeUser(role, `${name} ${index + 1}`));
  const positionTraders = usersOf("day_trader", "Position trader");
  const stpTraders = usersOf("day_trader", "Two-way trader");
  const agencyDesks = usersOf("institution", "Multi-client desk").map((user) => ({
    user,
    clientAccountIds: Array.from(
      { length: CLIENTS_PER_AGENCY_DESK },
      (_, index) => `CLIENT-${user.userId.slice(0, 8)}-${index + 1}`,
    ),
  }));
  // Principal traders of desks of their own, each trading around one of the block desks' blocks.
  const propTraders = usersOf("day_trader", "Prop trader").map((user, index) => ({
    user,
    desk: blockDesks[index % blockDesks.length] as BlockDesk,
  }));
  const injectors: Injector[] = [
    restingOrderLookAlike(positionTraders),
    agencyReplaceLookAlike(agencyDesks),
    selfTradePreventionLookAlike(stpTraders),
    frontRunningInjector(propTraders),
  ];
  return {
    agentsFor: (symbol, intensity) =>
      injectors.map((injector) => new ManipulatorAgent(symbol, intensity / 10_000, injector, () => {})),
    reference: () => ({
      relatedAccounts: [],
      beneficialOwners: {},
      desks: [
        ...agencyDesks.map((desk) => ({
          deskId: deskIdOf(desk),
          agencyUsers: [desk.user.userId],
          principalUsers: [],
        })),
        ...propTraders.map(({ user }) => ({
          deskId: `PROP-${user.userId.slice(0, 8)}`,
          agencyUsers: [],
          principalUsers: [user.userId],
        })),
      ],
      marketMakers: [],
    }),
  };
}

/** A price 1-4 bp (at least a tick) behind the side's touch, inside the day's range; undefined if none. */
function behindTouch(market: AgentMarket, side: "buy" | "sell"): number | undefined {
  const touch = touchTicks(market, side);
  if (touch === undefined || touchTicks(market, oppositeSide(side)) === undefined) return undefined;
  const priceTicks = behind(
    side,
    touch,
    Math.max(1, basisPointTicks(market) * market.random.intBetween(1, 4)),
  );
  return priceTicks >= market.day.lowTicks && priceTicks <= market.day.highTicks ? priceTicks : undefined;
}

/** An order dwarfing what the book shows at its price: what the size tests of spoofing see. */
function largeQuantity(market: AgentMarket, side: "buy" | "sell", priceTicks: number): number {
  const { random } = market;
  return shares(
    Math.max(
      market.typicalSize * uniform(random, 2, 6),
      market.displayedSize(side, priceTicks) * uniform(random, 2.5, 4),
    ),
  );
}

/**
 * How both principal look-alikes open: a large day order of the trader's own, resting behind the touch
 * on a random side. Abandons the episode (undefined) when the day's range leaves no such price.
 */
function restLargeOrder(
  market: AgentMarket,
  episode: Episode,
  user: SimulatedUser,
): { side: "buy" | "sell"; priceTicks: number; resting: SubmitResult } | undefined {
  const side = randomSide(market.random);
  const priceTicks = behindTouch(market, side);
  if (priceTicks === undefined) {
    episode.abandon();
    return undefined;
  }
  const resting = episode.submit({
    user,
    side,
    quantity: largeQuantity(market, side, priceTicks),
    priceTicks,
    capacity: "principal",
    timeInForce: "day",
  });
  return { side, priceTicks, resting };
}

/**
 * A position trader rests a large limit order near the touch; 2-141 s later (the range of the independent
 * evaluation's false alarms) the view changes: the trader takes a little of the other side and pulls the
 * resting order 0.05-1.5 s later.
 */
function restingOrderLookAlike(users: readonly SimulatedUser[]): Injector {
  return {
    type: "spoofing",
    maxEpisodeMs: 150_000,
    pickUser: (market) => market.random.pick(users),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const opening = restLargeOrder(market, episode, user);
      if (opening === undefined) return;
      const { side, priceTicks, resting } = opening;
      market.after(uniform(random, 2_000, 141_000), () => {
        const far = touchTicks(market, oppositeSide(side));
        if (market.openQuantity(resting.orderId) > 0 && far !== undefined && far !== priceTicks)
          episode.submit({
            user,
            side: oppositeSide(side),
            quantity: shares(market.typicalSize * uniform(random, 0.3, 1)),
            priceTicks: far,
            capacity: "principal",
            timeInForce: "ioc",
          });
        market.after(uniform(random, 50, 1_500), () => {
          episode.cancel(resting.orderId);
          episode.abandon();
        });
      });
    },
  };
}

/**
 * An agency desk working two clients' orders: one client's large passive order rests, another client's
 * order on the other side trades 0-2 s later, and the desk re-prices the first client's order right
 * after (a cancel 0.05-1.5 s after the fill, the replacement 150-1,000 ms later).
 */
function agencyReplaceLookAlike(desks: readonly BlockDesk[]): Injector {
  const deskOf = new Map(desks.map((desk) => [desk.user.userId, desk]));
  return {
    type: "spoofing",
    maxEpisodeMs: 10_000,
    pickUser: (market) => market.random.pick(desks).user,
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const desk = deskOf.get(user.userId) as BlockDesk;
      const side = randomSide(random);
      const priceTicks = behindTouch(market, side);
      if (priceTicks === undefined) {
        episode.abandon();
        return;
      }
      const [resting, trading] = twoClients(random, desk.clientAccountIds);
      const quantity = largeQuantity(market, side, priceTicks);
      const first = episode.submit({
        user,
        accountId: resting,
        side,
        quantity,
        priceTicks,
        capacity: "agency",
        timeInForce: "day",
      });
      market.after(uniform(random, 0, 2_000), () => {
        const touch = touchTicks(market, side);
        // The other client's order takes the touch on the resting order's side, never the resting order.
        if (touch === undefined || !moreAggressive(side, touch, priceTicks)) {
          episode.abandon();
          return;
        }
        const fill = episode.submit({
          user,
          accountId: trading,
          side: oppositeSide(side),
          quantity: shares(market.typicalSize * uniform(random, 0.5, 1.5)),
          priceTicks: touch,
          capacity: "agency",
          timeInForce: "ioc",
        });
        if (fill.filledQuantity === 0) {
          episode.abandon();
          return;
        }
        market.after(uniform(random, 50, 1_500), () => {
          const open = market.openQuantity(first.orderId);
          if (!episode.cancel(first.orderId)) {
            episode.abandon();
            return;
          }
          market.after(uniform(random, 150, 1_000), () => {
            const newPrice = behindTouch(market, side);
            if (newPrice !== undefined)
              episode.submit({
                user,
                accountId: resting,
                side,
                quantity: open,
                priceTicks: newPrice,
                capacity: "agency",
                timeInForce: "day",
              });
            episode.abandon();
          });
        });
      });
    },
  };
}

function twoClients(random: SeededRandom, accounts: readonly string[]): [string, string] {
  const first = random.int(accounts.length);
  const second = (first + 1 + random.int(accounts.length - 1)) % accounts.length;
  return [accounts[first] as string, accounts[second] as string];
}

/**
 * A trader rests a large order, turns buyer (seller) 0-1.5 s later with a small marketable order, and
 * 0.05-1.5 s after that with a larger one whose limit reaches the trader's own resting order: the
 * venue's self-trade prevention cancels it in that millisecond. When the book no longer lets the second
 * order reach it, the resting order is simply left and pulled 5-20 s later.
 */
function selfTradePreventionLookAlike(users: readonly SimulatedUser[]): Injector {
  return {
    type: "spoofing",
    maxEpisodeMs: 30_000,
    pickUser: (market) => market.random.pick(users),
    start(market: AgentMarket, episode: Episode, user: SimulatedUser): void {
      const { random } = market;
      const opening = restLargeOrder(market, episode, user);
      if (opening === undefined) return;
      const { side, priceTicks, resting } = opening;
      const takeSide = oppositeSide(side);
      const reachable = (): boolean => {
        const touch = touchTicks(market, side);
        return touch !== undefined && moreAggressive(side, touch, priceTicks);
      };
      const pullLater = (): void =>
        market.after(uniform(random, 5_000, 20_000), () => {
          episode.cancel(resting.orderId);
          episode.abandon();
        });
      market.after(uniform(random, 0, 1_500), () => {
        const touch = touchTicks(market, side);
        if (!reachable() || touch === undefined) {
          pullLater();
          return;
        }
        episode.submit({
          user,
          side: takeSide,
          quantity: shares(market.typicalSize * uniform(random, 0.3, 1)),
          priceTicks: touch,
          capacity: "principal",
          timeInForce: "ioc",
        });
        market.after(uniform(random, 50, 1_500), () => {
          if (!reachable() || market.openQuantity(resting.orderId) === 0) {
            pullLater();
            return;
          }
          episode.submit({
            user,
            side: takeSide,
            quantity: shares(market.depthTo(side, priceTicks) + market.typicalSize),
            priceTicks,
            capacity: "principal",
            timeInForce: "ioc",
          });
          episode.abandon();
        });
      });
    },
  };
}
