import { Decimal } from "@nexus/core/money";
import {
  buildCustomerRoutingReport,
  buildExecutionQuality,
  buildHeldOrderReport,
  buildNotHeldReport,
  classifyOrder,
  orderTypeOf,
  quarterBounds,
  spreadSideOf,
  type CustomerRoutingReport,
  type ExecutionQualityRow,
  type HeldOrderReport,
  type NotHeldReport,
  type Quarter,
  type ReportSection,
  type ReportVenue,
} from "@nexus/core/reports";
import type { Database } from "@nexus/db/client";
import {
  countHeldOrders,
  findCustomer,
  listCoveredExecutions,
  listCustomerRoutes,
  listNotHeldChildOrders,
  listSp500Symbols,
  sumHeldRoutes,
  sumNotHeldSent,
  type Period,
} from "@nexus/db/queries/best-execution";
import { ReportError } from "./report-error";
import { loadReportVenues } from "./report-venues";

/** The reporting broker-dealer as the reports name it (the schema's `bd`, at most 80 characters). */
export const BROKER_DEALER_NAME = "NexusTrade Securities LLC";

export interface ReportClock {
  /** When the report is generated: its timestamp. */
  now: Date;
  broker?: string;
}

const sectionOf = (sp500: boolean): ReportSection => (sp500 ? "sp500" : "other_stocks");

/** Rule 606(a)(1) report of a quarter, read from the routing decision and execution logs. */
export async function loadHeldOrderReport(
  db: Database,
  quarter: Quarter,
  clock: ReportClock,
): Promise<HeldOrderReport> {
  const period = quarterBounds(quarter);
  const [sp500, venues] = await Promise.all([listSp500Symbols(db), loadReportVenues(db)]);
  const [orders, routes] = await Promise.all([
    countHeldOrders(db, period, sp500),
    sumHeldRoutes(db, period, sp500),
  ]);
  return buildHeldOrderReport({
    broker: clock.broker ?? BROKER_DEALER_NAME,
    quarter,
    generatedAt: clock.now,
    // Orders are non-directed: a route request cannot name its venue (see countHeldOrders).
    orders: orders.map((group) => ({
      month: group.month,
      section: sectionOf(group.sp500),
      orderType: orderTypeOf(group.hasLimit, group.farQuote),
      directed: false,
      orders: group.orders,
    })),
    routes: routes.map((group) => ({
      month: group.month,
      section: sectionOf(group.sp500),
      orderType: orderTypeOf(group.hasLimit, group.farQuote),
      venueId: group.venueId,
      orders: group.orders,
      executedShares: new Decimal(group.executedShares),
      feesPaid: new Decimal(group.feesPaid),
    })),
    venues,
  });
}

export interface CustomerPeriod {
  /** The customer's user id or e-mail address. */
  customer: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

async function customerOf(db: Database, idOrEmail: string) {
  const customer = await findCustomer(db, idOrEmail);
  if (customer === undefined) throw new ReportError("unknown_customer", `customer: no user ${idOrEmail}.`);
  return customer;
}

function checkPeriod(request: CustomerPeriod): Period {
  if (!(request.from < request.to)) throw new ReportError("invalid", "to: must be after from.");
  return { from: request.from, to: request.to };
}

/** The last day a report covers: the day before its exclusive end. */
const lastDayOf = (to: Date) => new Date(to.getTime() - 86_400_000);

/** A 606(b) request checked (period, customer) and the header its report prints. */
async function customerRequestOf(db: Database, request: CustomerPeriod, clock: ReportClock) {
  const period = checkPeriod(request);
  const customer = await customerOf(db, request.customer);
  const header = {
    broker: clock.broker ?? BROKER_DEALER_NAME,
    customer: customer.name,
    generatedAt: clock.now,
    from: period.from,
    to: lastDayOf(period.to),
  };
  return { period, customerId: customer.id, header };
}

/** A venue's name and MIC as the reports print them; a venue no longer configured by its id. */
function venueNamesOf(venues: readonly ReportVenue[]) {
  const byId = new Map(venues.map((venue) => [venue.venueId, venue]));
  return (venueId: string) => ({
    venueName: byId.get(venueId)?.name ?? venueId,
    mic: byId.get(venueId)?.mic ?? null,
  });
}

/** Rule 606(b)(1): where a customer's orders went in the period and when they executed. */
export async function loadCustomerRoutingReport(
  db: Database,
  request: CustomerPeriod,
  clock: ReportClock,
): Promise<CustomerRoutingReport> {
  const { period, customerId, header } = await customerRequestOf(db, request, clock);
  const [sp500, venues, routes] = await Promise.all([
    listSp500Symbols(db),
    loadReportVenues(db),
    listCustomerRoutes(db, customerId, period),
  ]);
  const members = new Set(sp500);
  const namesOf = venueNamesOf(venues);
  return buildCustomerRoutingReport({
    ...header,
    routes: routes.map((route) => ({
      orderId: route.orderId,
      directed: false,
      section: members.has(route.symbol) ? "sp500" : "other_stocks",
      handling: route.handling,
      ...namesOf(route.venueId),
      executedAt: new Decimal(route.executedQuantity).isZero() ? null : route.executedAt,
    })),
  });
}

/**
 * Rule 606(b)(3): the handling of a customer's not-held orders. Child orders are immediate-or-cancel and
 * take liquidity (the router's paper venue gateway sends nothing else); an execution at the internal
 * venue is the broker's own, as principal.
 */
export async function loadNotHeldReport(
  db: Database,
  request: CustomerPeriod,
  clock: ReportClock,
): Promise<NotHeldReport> {
  const { period, customerId, header } = await customerRequestOf(db, request, clock);
  const [venues, children, sent] = await Promise.all([
    loadReportVenues(db),
    listNotHeldChildOrders(db, customerId, period),
    sumNotHeldSent(db, customerId, period),
  ]);
  const namesOf = venueNamesOf(venues);
  const internal = new Set(venues.filter((v) => v.venueType === "internal").map((v) => v.venueId));
  return buildNotHeldReport({
    ...header,
    sent: sent.map((row) => ({
      year: row.year,
      month: row.month,
      directed: false,
      shares: new Decimal(row.shares),
    })),
    children: children.map((child) => {
      const executed = new Decimal(child.executedQuantity);
      return {
        year: child.decidedAt.getUTCFullYear(),
        month: child.decidedAt.getUTCMonth() + 1,
        directed: false,
        ...namesOf(child.venueId),
        principal: internal.has(child.venueId),
        routedShares: new Decimal(child.requestedQuantity),
        immediateOrCancel: true,
        executedShares: executed,
        fills: executed.isZero() ? 0 : 1,
        feesPaid: new Decimal(child.fee),
        spreadSide:
          child.executedPrice === null
            ? null
            : spreadSideOf(
                child.side,
                new Decimal(child.executedPrice),
                child.nbboBid === null ? null : new Decimal(child.nbboBid),
                child.nbboAsk === null ? null : new Decimal(child.nbboAsk),
              ),
        liquidity: "removed",
        durationMs: child.latencyMs,
      };
    }),
  });
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));

/** Rule 605-style execution quality over a period, for every venue or one. */
export async function loadExecutionQuality(
  db: Database,
  period: Period,
  venueId?: string,
): Promise<ExecutionQualityRow[]> {
  const rows = await listCoveredExecutions(db, period, venueId);
  return buildExecutionQuality(
    rows.map((row) => ({
      orderId: row.orderId,
      venueId: row.venueId,
      orderType: classifyOrder({
        side: row.side,
        limitPrice: row.limitPrice === null ? null : new Decimal(row.limitPrice),
        nbboBid: row.nbboBid === null ? null : new Decimal(row.nbboBid),
        nbboAsk: row.nbboAsk === null ? null : new Decimal(row.nbboAsk),
      }),
      side: row.side,
      orderShares: Number(row.orderQuantity),
      bid: toNumber(row.nbboBid) ?? 0,
      ask: toNumber(row.nbboAsk) ?? 0,
      receivedAt: row.decidedAt.getTime(),
      executedShares: Number(row.executedQuantity),
      executedPrice: Number(row.executedPrice),
      executedAt: row.executedAt.getTime(),
      midpointAfter15s: toNumber(row.midpointAfter15s),
      midpointAfter1m: toNumber(row.midpointAfter1m),
    })),
  );
}
