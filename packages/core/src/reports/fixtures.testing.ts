import { Decimal } from "../money";
import type { HeldOrderReportInput, OrderCount, ReportVenue, VenueRoutes } from "./held-order-report";
import { ORDER_TYPES, type OrderType, type ReportSection } from "./order-type";

/** A venue name with commas and periods, as the SEC's samples have ("New York ... Stock Exchange, LLC."). */
export const COMMA_NAME = "Cboe BZX Exchange, Inc. (f/k/a Bats, Inc.), Equities & Options.";
/** Exactly 80 characters, the schema's maximum. */
export const LONG_NAME = "The Very Long Alternative Trading System Operated by Example Securities, L.L.C.  "
  .trim()
  .padEnd(80, "X");

export function venue(venueId: string, name: string, mic: string | null, pfof = "0"): ReportVenue {
  return {
    venueId,
    name,
    mic,
    paymentForOrderFlowPerShare: new Decimal(pfof),
    materialAspects: `${name} pays ${pfof} per share.`,
  };
}

/**
 * A quarter of routed orders over twelve venues (2016Q2): each month and stock section gets a spread of
 * order types with awkward counts (thirds, sevenths) so that independent rounding would not add up to 100.
 */
export function seededQuarter(): HeldOrderReportInput {
  const venues = [
    venue("v01", COMMA_NAME, "BATS", "0.0015"),
    venue("v02", LONG_NAME, "LONG"),
    ...Array.from({ length: 10 }, (_, i) =>
      venue(`v${String(i + 3).padStart(2, "0")}`, `Venue ${i + 3}`, `V${String(i + 3).padStart(3, "0")}`),
    ),
  ];
  const orders: OrderCount[] = [];
  const routes: VenueRoutes[] = [];
  const counts: Record<OrderType, number> = {
    market: 7,
    marketable_limit: 11,
    non_marketable_limit: 13,
    other: 2,
  };
  for (const month of [4, 5, 6]) {
    for (const section of ["sp500", "other_stocks"] satisfies ReportSection[]) {
      for (const orderType of ORDER_TYPES) {
        const total = counts[orderType] * month * (section === "sp500" ? 3 : 1);
        orders.push({ month, section, orderType, directed: false, orders: total });
        orders.push({ month, section, orderType, directed: true, orders: 1 });
        venues.forEach((v, index) => {
          routes.push({
            month,
            section,
            orderType,
            venueId: v.venueId,
            orders: Math.max(1, Math.floor(total / (index + 2))),
            executedShares: new Decimal(100 * (index + 1)),
            feesPaid: new Decimal("0.30"),
          });
        });
      }
    }
  }
  return {
    broker: "NexusTrade Securities, L.L.C.",
    quarter: { year: 2016, quarter: 2 },
    generatedAt: new Date("2016-07-05T12:00:00.500Z"),
    orders,
    routes,
    venues,
  };
}
