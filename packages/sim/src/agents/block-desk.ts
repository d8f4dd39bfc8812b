import type { Agent, AgentMarket } from "./agent";
import { sendAgencyBlock } from "./agency-block";
import type { BlockDesk } from "./agency-block";

/**
 * Agency desks that now and then send a client's block (>= 10,000 shares) as one marketable order: the
 * benign look-alike of front running - a large agency order that nobody traded ahead of.
 */
export class BlockDeskAgent implements Agent {
  constructor(
    readonly symbol: string,
    private readonly desks: readonly BlockDesk[],
    readonly activityWeight: number,
  ) {}

  startDay(): void {}

  act(market: AgentMarket): void {
    const { random } = market;
    sendAgencyBlock(market, random.pick(this.desks), random.chance(0.5) ? "buy" : "sell");
  }
}
