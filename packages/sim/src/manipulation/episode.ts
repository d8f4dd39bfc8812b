import type { AgentMarket, OrderRequest, SubmitResult } from "../agents/agent";
import type { ManipulationLabel, ManipulationType } from "./label";

/**
 * One manipulation episode in flight: every order goes through it, so the label it writes at the end
 * holds every order id of the episode and the times of its first and last event (fills by others
 * included, through the agent's fill notices).
 */
export class Episode {
  private readonly labelId: string;
  private readonly orderIds: string[] = [];
  private readonly known = new Set<string>();
  private readonly counterparties = new Set<string>();
  private startedAt: string | undefined;
  private endedAt = "";
  /** Called when one of the episode's orders trades (after the episode's own bookkeeping). */
  fillListener: ((orderId: string, quantity: number) => void) | undefined;

  constructor(
    readonly type: ManipulationType,
    readonly userId: string,
    private readonly market: AgentMarket,
    private readonly close: (label: ManipulationLabel | undefined) => void,
  ) {
    this.labelId = market.random.uuid();
  }

  submit(request: OrderRequest): SubmitResult {
    const result = this.market.submit(request);
    this.record(result.orderId);
    this.touch();
    return result;
  }

  cancel(orderId: string): boolean {
    const cancelled = this.market.cancel(orderId);
    if (cancelled) this.touch();
    return cancelled;
  }

  modify(orderId: string, priceTicks: number, quantity: number): boolean {
    const modified = this.market.modify(orderId, priceTicks, quantity);
    if (modified) this.touch();
    return modified;
  }

  /** An order of someone else that belongs to the episode (e.g. the agency block that was front-run). */
  includeOrder(orderId: string): void {
    this.record(orderId);
    this.touch();
  }

  includeCounterparty(userId: string): void {
    if (userId !== this.userId) this.counterparties.add(userId);
  }

  /** A fill of one of the agent's orders; those of other episodes (e.g. a block's late fills) are not this one's. */
  onFill(orderId: string, quantity: number): void {
    if (!this.known.has(orderId)) return;
    this.touch();
    this.fillListener?.(orderId, quantity);
  }

  /** Ends the episode without a label: the pattern did not happen (e.g. the genuine order filled before any spoof). */
  abandon(): void {
    this.fillListener = undefined;
    this.close(undefined);
  }

  /** Ends the episode: its label, if it sent anything (an episode the book did not allow sends nothing). */
  finish(): void {
    this.fillListener = undefined;
    this.close(this.label());
  }

  /** The label of what the episode did so far; undefined while it has sent nothing. */
  label(): ManipulationLabel | undefined {
    if (this.startedAt === undefined) return undefined;
    return {
      labelId: this.labelId,
      type: this.type,
      symbol: this.market.symbol,
      userId: this.userId,
      counterpartyUserIds: [...this.counterparties],
      orderIds: [...this.orderIds],
      startedAt: this.startedAt,
      endedAt: this.endedAt,
    };
  }

  private record(orderId: string): void {
    this.orderIds.push(orderId);
    this.known.add(orderId);
  }

  private touch(): void {
    this.startedAt ??= this.market.occurredAt;
    this.endedAt = this.market.occurredAt;
  }
}
