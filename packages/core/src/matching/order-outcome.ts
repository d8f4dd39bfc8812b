import type { OrderEvent, OrderEventType, TradeExecutedEvent } from "../events/index";
import { Decimal } from "../money";
import type { BookOrder } from "./book-order";
import type { ContractEvents } from "./contract-events";
import type { OrderOutcome, OrderStatus } from "./types";

interface OrderChangeRecord {
  eventType: OrderEventType;
  order: BookOrder;
  ticks: number;
  shares: number;
}

interface FillRecord {
  resting: BookOrder;
  ticks: number;
  shares: number;
}

const ZERO = new Decimal(0);

/** The outcome of a refused call: nothing happened to the book. */
export function rejectedOutcome(reason: string): OrderOutcome {
  return {
    status: "rejected",
    rejectReason: reason,
    filledQuantity: ZERO,
    openQuantity: ZERO,
    averagePrice: null,
    trades: [],
    orderEvents: [],
  };
}

/**
 * The outcome of an accepted call. The matching loop records fills and order changes as small integer
 * records; the Decimal figures and the contract event objects (UUIDs, timestamps, strings) are built
 * the first time they are read and then kept. A caller that only needs the status (or only the trades)
 * does not pay for the rest (in bench/matching.bench.ts, reading every event costs ~25% more CPU).
 *
 * The fields are getters: read them (or JSON.stringify, which goes through toJSON); an object spread
 * of an outcome copies none of them. event_id and trade_id values are drawn from newId when first read.
 */
export class EngineOutcome implements OrderOutcome {
  status: OrderStatus = "resting";
  private filledShares = 0;
  private openShares = 0;
  private filledNotional = 0;
  /** Changes after the first (a cancelled remainder, orders cancelled by self-trade prevention). */
  private laterChanges: OrderChangeRecord[] | undefined;
  /** Most calls do not trade: the array is made on the first fill. */
  private fills: FillRecord[] | undefined;
  private tradeEvents: TradeExecutedEvent[] | undefined;
  private changeEvents: OrderEvent[] | undefined;

  /**
   * Every call that is accepted changes its own order first (created, modified or cancelled): that change
   * is kept in fields rather than as an array of records, since most calls change nothing else.
   */
  constructor(
    private readonly events: ContractEvents,
    /** The order the call was about (the aggressor of every fill). */
    private readonly order: BookOrder,
    private readonly millis: number,
    private readonly firstEventType: OrderEventType,
    private readonly firstTicks: number,
    private readonly firstShares: number,
  ) {}

  recordChange(eventType: OrderEventType, order: BookOrder, ticks: number, shares: number): void {
    (this.laterChanges ??= []).push({ eventType, order, ticks, shares });
  }

  recordFill(resting: BookOrder, ticks: number, shares: number): void {
    (this.fills ??= []).push({ resting, ticks, shares });
  }

  /** Snapshots the order's totals: the order keeps changing after the call returns. */
  settle(status: OrderStatus): this {
    this.status = status;
    this.filledShares = this.order.filled;
    this.openShares = this.order.open;
    this.filledNotional = this.order.filledNotional;
    return this;
  }

  get filledQuantity(): Decimal {
    return new Decimal(this.filledShares);
  }

  get openQuantity(): Decimal {
    return new Decimal(this.openShares);
  }

  get averagePrice(): Decimal | null {
    if (this.filledShares === 0) return null;
    return this.events.grid.averagePrice(this.filledNotional, this.filledShares);
  }

  get trades(): TradeExecutedEvent[] {
    this.tradeEvents ??= (this.fills ?? []).map((fill) =>
      this.events.trade(this.order, fill.resting, fill.ticks, fill.shares, this.millis),
    );
    return this.tradeEvents;
  }

  get orderEvents(): OrderEvent[] {
    if (this.changeEvents === undefined) {
      const { events, millis } = this;
      const built = [
        events.orderEvent(this.firstEventType, this.order, this.firstTicks, this.firstShares, millis),
      ];
      for (const change of this.laterChanges ?? []) {
        built.push(events.orderEvent(change.eventType, change.order, change.ticks, change.shares, millis));
      }
      this.changeEvents = built;
    }
    return this.changeEvents;
  }

  toJSON(): OrderOutcome {
    return {
      status: this.status,
      filledQuantity: this.filledQuantity,
      openQuantity: this.openQuantity,
      averagePrice: this.averagePrice,
      trades: this.trades,
      orderEvents: this.orderEvents,
    };
  }
}
