import type { ReportSection } from "./order-type";

/** One child order of a customer's order: where it went and when it executed (null: nothing executed). */
export interface CustomerRoute {
  orderId: string;
  directed: boolean;
  section: ReportSection;
  handling: "held" | "not_held";
  venueName: string;
  mic: string | null;
  executedAt: Date | null;
}

export interface RoutedVenue {
  venueName: string;
  mic: string | null;
  /** Times of the transactions that resulted at this venue, oldest first. */
  transactions: Date[];
}

export interface CustomerOrderRow {
  orderId: string;
  directed: boolean;
  routes: RoutedVenue[];
}

/**
 * Rule 606(b)(1) (17 CFR 242.606(b)(1)): on a customer's request, "the identity of the venue to which the
 * customer's orders were routed for execution in the six months prior to the request, whether the orders
 * were directed orders or non-directed orders, and the time of the transactions, if any, that resulted
 * from such orders" — for held orders in NMS stocks and for options; not-held orders are in the (b)(3)
 * report instead, so `notHeldExempt` lists only those exempt from it (none: the product files (b)(3)).
 */
export interface CustomerRoutingReport {
  broker: string;
  customer: string;
  generatedAt: Date;
  from: Date;
  to: Date;
  held: CustomerOrderRow[];
  notHeldExempt: CustomerOrderRow[];
  options: CustomerOrderRow[];
}

/** The six months before a request (Rule 606(b)(1)): from the same day six months earlier. */
export function sixMonthsBefore(request: Date): Date {
  return new Date(Date.UTC(request.getUTCFullYear(), request.getUTCMonth() - 6, request.getUTCDate()));
}

function ordersOf(routes: readonly CustomerRoute[]): CustomerOrderRow[] {
  const orders = new Map<string, { row: CustomerOrderRow; venues: Map<string, RoutedVenue> }>();
  for (const route of routes) {
    let order = orders.get(route.orderId);
    if (order === undefined) {
      order = { row: { orderId: route.orderId, directed: route.directed, routes: [] }, venues: new Map() };
      orders.set(route.orderId, order);
    }
    const key = `${route.venueName}\u0000${route.mic ?? ""}`;
    let venue = order.venues.get(key);
    if (venue === undefined) {
      venue = { venueName: route.venueName, mic: route.mic, transactions: [] };
      order.venues.set(key, venue);
      order.row.routes.push(venue);
    }
    if (route.executedAt !== null) venue.transactions.push(route.executedAt);
  }
  const rows = [...orders.values()].map((order) => order.row);
  for (const row of rows)
    for (const venue of row.routes) venue.transactions.sort((a, b) => a.getTime() - b.getTime());
  return rows;
}

/** Builds the (b)(1) report from a customer's child orders in the period, in the order they were routed. */
export function buildCustomerRoutingReport(input: {
  broker: string;
  customer: string;
  generatedAt: Date;
  from: Date;
  to: Date;
  routes: readonly CustomerRoute[];
}): CustomerRoutingReport {
  const stocks = input.routes.filter((route) => route.section !== "options");
  return {
    broker: input.broker,
    customer: input.customer,
    generatedAt: input.generatedAt,
    from: input.from,
    to: input.to,
    held: ordersOf(stocks.filter((route) => route.handling === "held")),
    notHeldExempt: [],
    options: ordersOf(input.routes.filter((route) => route.section === "options")),
  };
}
