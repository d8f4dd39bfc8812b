import { Decimal } from "@nexus/core/money";
import {
  ACCESS_FEE_CAP_2024,
  type ExecutionVenue,
  type FeeSchedule,
  type VenueActivity,
  type VenueCancelResult,
  type VenueExecutionReport,
  type VenueOrder,
  type VenueQuote,
} from "@nexus/core/routing";
import type { VenueConfiguration } from "@nexus/db/queries/routing";
import type { VenueGateway } from "./venue-gateway";

/**
 * A venue's fee schedule from its configuration. A negative taker fee is a taker rebate (inverted,
 * taker-maker pricing), a negative maker fee a maker rebate (maker-taker); neither is a flat fee. The
 * Rule 610(c) cap is the 2024 amendments' $0.001 (89 FR 81620), in force for quotations today.
 */
export function feeScheduleOf(config: Pick<VenueConfiguration, "makerFee" | "takerFee">): FeeSchedule {
  const model = config.takerFee.isNegative()
    ? "inverted"
    : config.makerFee.isNegative()
      ? "maker_taker"
      : "flat";
  return {
    model,
    takerFeePerShare: config.takerFee,
    makerFeePerShare: config.makerFee,
    accessFeeCap: ACCESS_FEE_CAP_2024,
  };
}

/**
 * A configured venue as the router sees it: identity and fees from venue_configurations, orders through
 * the gateway. Quotes reach the router from the quote cache (quote-cache.ts), not by asking the venue.
 */
export class ConfiguredVenue implements ExecutionVenue {
  readonly venueId: string;
  readonly venueType: VenueConfiguration["venueType"];
  readonly feeSchedule: FeeSchedule;
  private readonly activity = { ordersReceived: 0, ordersFilled: 0, ordersRejected: 0, cancels: 0 };
  private sharesExecuted = new Decimal(0);

  constructor(
    readonly config: VenueConfiguration,
    private readonly gateway: VenueGateway,
  ) {
    this.venueId = config.venueId;
    this.venueType = config.venueType;
    this.feeSchedule = feeScheduleOf(config);
  }

  getQuote(): Promise<VenueQuote | undefined> {
    return Promise.resolve(undefined);
  }

  async submitOrder(order: VenueOrder): Promise<VenueExecutionReport> {
    this.activity.ordersReceived += 1;
    const report = await this.gateway.submitOrder(this, order);
    if (report.status === "rejected") this.activity.ordersRejected += 1;
    if (report.status === "filled") this.activity.ordersFilled += 1;
    this.sharesExecuted = this.sharesExecuted.plus(report.filledQuantity);
    return report;
  }

  async cancelOrder(orderId: string): Promise<VenueCancelResult> {
    const result = await this.gateway.cancelOrder(this, orderId);
    if (result.cancelled) this.activity.cancels += 1;
    return result;
  }

  getStats(): VenueActivity {
    return { ...this.activity, sharesExecuted: this.sharesExecuted };
  }
}
