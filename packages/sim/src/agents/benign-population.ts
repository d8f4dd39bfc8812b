import type { SeededRandom } from "../random";
import type { Agent, Population, SimulatedUser, TraderRole } from "./agent";
import { deskIdOf } from "./agency-block";
import type { BlockDesk } from "./agency-block";
import { BlockDeskAgent } from "./block-desk";
import { DayTraderAgent } from "./day-trader";
import { InstitutionAgent } from "./institution";
import { MarketMakerAgent } from "./market-maker";
import { NoiseTraderAgent } from "./noise-trader";

export interface TraderCounts {
  marketMakers?: number;
  noiseTraders?: number;
  institutions?: number;
  /** Intraday traders opening and closing positions over minutes (default 0). */
  dayTraders?: number;
  /** Desks that now and then send a client block of >= 10,000 shares in one order (default 0). */
  blockDesks?: number;
}

/** Shares of a symbol's actions: market makers dominate message traffic, as on real lit venues. */
const MARKET_MAKER_SHARE = 0.55;
const NOISE_SHARE = 0.35;
const INSTITUTION_SHARE = 0.1;
const CLIENT_ACCOUNTS_PER_INSTITUTION = 5;
/** Day traders' and block desks' shares of actions: round trips every few hundred actions, a block in a few thousand. */
const DAY_TRADER_SHARE = 0.02;
const BLOCK_DESK_SHARE = 0.0005;

/** Market makers quoting every symbol, a crowd of noise traders, and agency desks working client orders. */
export function benignPopulation(random: SeededRandom, counts: TraderCounts = {}): Population {
  const marketMakerCount = counts.marketMakers ?? 3;
  const noiseTraderCount = counts.noiseTraders ?? 40;
  const institutionCount = counts.institutions ?? 4;
  const dayTraderCount = counts.dayTraders ?? 0;
  const blockDeskCount = counts.blockDesks ?? 0;
  if (
    marketMakerCount < 1 ||
    noiseTraderCount < 1 ||
    institutionCount < 0 ||
    dayTraderCount < 0 ||
    blockDeskCount < 0
  ) {
    throw new Error("traders: need at least one market maker and one noise trader, and no negative counts");
  }
  const makeUsers = (role: TraderRole, label: string, count: number): SimulatedUser[] =>
    Array.from({ length: count }, (_, index) => ({
      userId: random.uuid(),
      role,
      name: `${label} ${index + 1}`,
    }));
  const marketMakers = makeUsers("market_maker", "Market maker", marketMakerCount);
  const noiseTraders = makeUsers("noise_trader", "Trader", noiseTraderCount);
  const institutions = makeUsers("institution", "Agency desk", institutionCount).map((user) => ({
    user,
    clientAccountIds: Array.from(
      { length: CLIENT_ACCOUNTS_PER_INSTITUTION },
      (_, index) => `CLIENT-${user.userId.slice(0, 8)}-${index + 1}`,
    ),
  }));
  const halfSpreadsBps = marketMakers.map(() => 2 + random.next() * 6);
  const dayTraders = makeUsers("day_trader", "Day trader", dayTraderCount);
  const blockDesks: BlockDesk[] = makeUsers("institution", "Block desk", blockDeskCount).map((user) => ({
    user,
    clientAccountIds: Array.from(
      { length: CLIENT_ACCOUNTS_PER_INSTITUTION },
      (_, index) => `CLIENT-${user.userId.slice(0, 8)}-${index + 1}`,
    ),
  }));

  const agencyDesks = [...institutions, ...blockDesks];
  return {
    reference: () => ({
      relatedAccounts: [],
      beneficialOwners: {},
      // Agency desks only: the benign population has no principal traders beside the market makers.
      desks: agencyDesks.map((desk) => ({
        deskId: deskIdOf(desk),
        agencyUsers: [desk.user.userId],
        principalUsers: [],
      })),
      marketMakers: marketMakers.map((user) => user.userId),
    }),
    users: [
      ...marketMakers,
      ...noiseTraders,
      ...institutions.map(({ user }) => user),
      ...dayTraders,
      ...blockDesks.map(({ user }) => user),
    ],
    agentsFor(symbol: string): Agent[] {
      return [
        ...marketMakers.map(
          (user, index) =>
            new MarketMakerAgent(
              symbol,
              user,
              MARKET_MAKER_SHARE / marketMakerCount,
              halfSpreadsBps[index] ?? 4,
            ),
        ),
        new NoiseTraderAgent(symbol, noiseTraders, NOISE_SHARE),
        ...institutions.map(
          ({ user, clientAccountIds }) =>
            new InstitutionAgent(
              symbol,
              user,
              clientAccountIds,
              INSTITUTION_SHARE / Math.max(1, institutionCount),
            ),
        ),
        ...(dayTraders.length > 0 ? [new DayTraderAgent(symbol, dayTraders, DAY_TRADER_SHARE)] : []),
        ...(blockDesks.length > 0 ? [new BlockDeskAgent(symbol, blockDesks, BLOCK_DESK_SHARE)] : []),
      ];
    },
  };
}
