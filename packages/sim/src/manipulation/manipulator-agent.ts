import type { Agent, AgentMarket, SimulatedUser } from "../agents/agent";
import { Episode } from "./episode";
import type { ManipulationLabel, ManipulationType } from "./label";

/** Starts one episode of a manipulation pattern; the episode paces itself with market.after and ends with finish(). */
export interface Injector {
  readonly type: ManipulationType;
  /** The longest an episode may run (ms): none starts closer to the close than this. */
  readonly maxEpisodeMs: number;
  /** The manipulator of the next episode (drawn from the injector's users). */
  pickUser(market: AgentMarket): SimulatedUser;
  start(market: AgentMarket, episode: Episode, user: SimulatedUser): void;
}

/**
 * Runs one injector in one symbol: at each of its (rare, Poisson-timed) actions it starts an episode unless
 * one is still running, the close is too near for the episode to finish, or the action falls outside
 * `attemptShare` of the actions at its time; each finished episode's label goes to `recordLabel`.
 */
export class ManipulatorAgent implements Agent {
  private episode: Episode | undefined;

  constructor(
    readonly symbol: string,
    readonly activityWeight: number,
    private readonly injector: Injector,
    private readonly recordLabel: (label: ManipulationLabel) => void,
    /** The share of its actions at a (simulated) time that attempt an episode; all of them by default. */
    private readonly attemptShare: (atMs: number) => number = () => 1,
  ) {}

  startDay(): void {
    // The close expired every order and dropped pending follow-ups; no episode starts that late (maxEpisodeMs).
    this.episode = undefined;
  }

  act(market: AgentMarket): void {
    if (this.episode !== undefined || market.msToClose < this.injector.maxEpisodeMs) return;
    // No draw when every action attempts one: the random stream of such a run stays as it was.
    const share = this.attemptShare(Date.parse(market.occurredAt));
    if (share < 1 && !market.random.chance(share)) return;
    // Every pattern plays against a two-sided book (none at the open, before the first quotes).
    if (market.bestBidTicks() === undefined || market.bestAskTicks() === undefined) return;
    const user = this.injector.pickUser(market);
    const episode = new Episode(this.injector.type, user.userId, market, (label) => {
      if (label !== undefined) this.recordLabel(label);
      if (this.episode === episode) this.episode = undefined;
    });
    this.episode = episode;
    this.injector.start(market, episode, user);
  }

  /** The label of the episode still running, as far as it went (for a run that stops mid-episode). */
  labelInProgress(): ManipulationLabel | undefined {
    return this.episode?.label();
  }

  onFill(orderId: string, quantity: number): void {
    this.episode?.onFill(orderId, quantity);
  }
}
