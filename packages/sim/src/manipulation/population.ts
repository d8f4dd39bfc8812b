import { ALERT_TYPES } from "@nexus/core/events";
import { EMPTY_REFERENCE_DATA } from "@nexus/core/surveillance";
import type { Agent, Population, SimulatedUser, TraderRole } from "../agents/agent";
import type { SeededRandom } from "../random";
import { deskIdOf } from "../agents/agency-block";
import type { BlockDesk } from "../agents/agency-block";
import { frontRunningInjector } from "./front-running";
import type { DeskTrader } from "./front-running";
import { lookAlikePopulation } from "./look-alikes";
import type { ManipulationLabel, ManipulationType } from "./label";
import { layeringInjector } from "./layering";
import { ManipulatorAgent } from "./manipulator-agent";
import type { Injector } from "./manipulator-agent";
import { momentumInjector } from "./momentum";
import { quoteStuffingInjector } from "./quote-stuffing";
import { spoofingInjector } from "./spoofing";
import { washTradingInjector } from "./wash-trading";
import type { WashRing } from "./wash-trading";

export interface ManipulationOptions {
  /** Attempted episodes of each pattern per 10,000 agent actions of a symbol (default 3; see ATTEMPT_WEIGHT). */
  intensity?: number;
  /**
   * A busier opening: episodes are attempted at `intensity` instead until `untilMs` (simulated time, epoch
   * ms), e.g. for someone who has just started a demo and should not wait minutes for a first episode.
   */
  opening?: { intensity: number; untilMs: number };
  /** The patterns to inject (default all six). */
  types?: readonly ManipulationType[];
  /** Manipulators per pattern (default 3). */
  usersPerType?: number;
  /** Run the benign look-alikes of look-alikes.ts beside the manipulators (default true). */
  lookAlikes?: boolean;
  /**
   * Streams each finished episode's label here instead of keeping it: a feed that runs for days must not
   * hold every label it ever wrote (a stuffing episode alone names thousands of orders). `labels()` then
   * returns only the episodes still running.
   */
  onLabel?: (label: ManipulationLabel) => void;
}

/** Labelled manipulators: their users, their agents in every symbol, and the ground truth they leave. */
export interface ManipulationPopulation extends Population {
  /**
   * Labels of the episodes so far: the finished ones in the order they finished, then those still
   * running with what they did up to now (a run cut off mid-episode is still scored fairly).
   */
  labels(): ManipulationLabel[];
  /** Pairs of accounts under common control (the linked wash-trading rings). */
  relatedAccounts(): ReadonlyArray<readonly [string, string]>;
}

const CLIENT_ACCOUNTS_PER_DESK = 5;
const BLOCK_DESKS = 2;
/**
 * Attempts per pattern relative to intensity: about half the momentum attempts find no room in the day's
 * range or no book to sweep and are called off, and a stuffing episode is ~1,000 messages by itself.
 */
const ATTEMPT_WEIGHT: Record<ManipulationType, number> = {
  spoofing: 1,
  layering: 1,
  wash_trading: 1,
  momentum: 2,
  front_running: 1,
  quote_stuffing: 0.5,
};

export function manipulationPopulation(
  random: SeededRandom,
  options: ManipulationOptions = {},
): ManipulationPopulation {
  const intensity = options.intensity ?? 3;
  const perType = options.usersPerType ?? 3;
  const types = options.types ?? ALERT_TYPES;
  if (!(intensity > 0)) throw new Error("manipulation.intensity: expected a positive number");
  const { opening } = options;
  if (opening !== undefined && !(opening.intensity > 0))
    throw new Error("manipulation.opening.intensity: expected a positive number");
  // Agents act at the higher of the two rates; an action at the other one's time is an attempt with the
  // share of the two (thinning a Poisson process keeps it one, at the lower rate: Lewis and Shedler 1979).
  const peak = Math.max(intensity, opening?.intensity ?? 0);
  const attemptShare = (atMs: number): number =>
    (opening !== undefined && atMs < opening.untilMs ? opening.intensity : intensity) / peak;
  if (!(Number.isInteger(perType) && perType >= 1))
    throw new Error("manipulation.usersPerType: expected a whole number >= 1");

  const users: SimulatedUser[] = [];
  const makeUser = (role: TraderRole, name: string): SimulatedUser => {
    const user = { userId: random.uuid(), role, name };
    users.push(user);
    return user;
  };
  const makeUsers = (type: ManipulationType, count: number): SimulatedUser[] =>
    Array.from({ length: count }, (_, index) => makeUser("manipulator", `${labelOf(type)} ${index + 1}`));
  const accountOf = (user: SimulatedUser, index: number): string =>
    `ACCT-${user.userId.slice(0, 8)}-${index}`;

  const rings: WashRing[] = [];
  const frontRunners: DeskTrader[] = [];
  const blockDesks: BlockDesk[] = Array.from({ length: BLOCK_DESKS }, (_, index) => {
    const user = makeUser("institution", `Block desk ${index + 1}`);
    return {
      user,
      clientAccountIds: Array.from({ length: CLIENT_ACCOUNTS_PER_DESK }, (_, n) => accountOf(user, n + 1)),
    };
  });
  const injectorOf: Record<ManipulationType, () => Injector> = {
    spoofing: () => spoofingInjector(makeUsers("spoofing", perType)),
    layering: () => layeringInjector(makeUsers("layering", perType)),
    momentum: () => momentumInjector(makeUsers("momentum", perType)),
    quote_stuffing: () => quoteStuffingInjector(makeUsers("quote_stuffing", perType)),
    wash_trading: () => {
      for (let index = 0; index < perType; index++) {
        const kind = (["self", "linked", "colluding"] as const)[index % 3] ?? "self";
        const trader = makeUser("manipulator", `Wash trader ${index + 1}`);
        if (kind === "self") {
          // Sometimes through two of the user's own accounts, sometimes one.
          const twoAccounts = random.chance(0.5);
          rings.push({
            kind,
            trader: { user: trader, accountId: twoAccounts ? accountOf(trader, 1) : undefined },
            other: { user: trader, accountId: twoAccounts ? accountOf(trader, 2) : undefined },
          });
        } else {
          const other = makeUser("manipulator", `Wash trader ${index + 1} (${kind} account)`);
          rings.push({
            kind,
            trader: { user: trader, accountId: accountOf(trader, 1) },
            other: { user: other, accountId: accountOf(other, 1) },
          });
        }
      }
      return washTradingInjector(rings);
    },
    front_running: () => {
      // Each front-runner trades for the firm of one desk and runs ahead of that desk's blocks.
      const traders = makeUsers("front_running", perType).map((user, index) => ({
        user,
        desk: blockDesks[index % blockDesks.length] as BlockDesk,
      }));
      frontRunners.push(...traders);
      return frontRunningInjector(traders);
    },
  };
  const injectors = types.map((type) => ({ injector: injectorOf[type](), weight: ATTEMPT_WEIGHT[type] }));
  const labels: ManipulationLabel[] = [];
  const recordLabel = options.onLabel ?? ((label: ManipulationLabel) => labels.push(label));
  const related = rings
    .filter((ring) => ring.kind === "linked")
    .map(
      (ring) =>
        [
          ring.trader.accountId ?? ring.trader.user.userId,
          ring.other.accountId ?? ring.other.user.userId,
        ] as const,
    );

  const agents: ManipulatorAgent[] = [];
  const lookAlikes = options.lookAlikes === false ? undefined : lookAlikePopulation(blockDesks, makeUser);

  return {
    users,
    agentsFor: (symbol: string): Agent[] => {
      const symbolAgents = injectors.map(
        ({ injector, weight }) =>
          new ManipulatorAgent(symbol, (peak * weight) / 10_000, injector, recordLabel, attemptShare),
      );
      agents.push(...symbolAgents);
      return [...symbolAgents, ...(lookAlikes?.agentsFor(symbol, intensity) ?? [])];
    },
    reference: () => {
      const lookAlikeReference = lookAlikes?.reference() ?? EMPTY_REFERENCE_DATA;
      // A linked ring's second account is a nominee of the first one's owner (one beneficial owner).
      const beneficialOwners: Record<string, string> = { ...lookAlikeReference.beneficialOwners };
      for (const [first, second] of related) {
        beneficialOwners[first] = `OWNER-${first}`;
        beneficialOwners[second] = `OWNER-${first}`;
      }
      return {
        relatedAccounts: related,
        beneficialOwners,
        desks: [
          ...blockDesks.map((desk) => ({
            deskId: deskIdOf(desk),
            agencyUsers: [desk.user.userId],
            principalUsers: frontRunners
              .filter((trader) => trader.desk === desk)
              .map((trader) => trader.user.userId),
          })),
          ...lookAlikeReference.desks,
        ],
        marketMakers: lookAlikeReference.marketMakers,
      };
    },
    labels: () => [
      ...labels,
      ...agents.flatMap((agent) => {
        const label = agent.labelInProgress();
        return label === undefined ? [] : [label];
      }),
    ],
    relatedAccounts: () => related,
  };
}

function labelOf(type: ManipulationType): string {
  return {
    spoofing: "Spoofer",
    layering: "Layerer",
    wash_trading: "Wash trader",
    momentum: "Momentum igniter",
    front_running: "Front-runner",
    quote_stuffing: "Quote stuffer",
  }[type];
}
