import { Decimal, sumDecimals } from "../money";
import { ORDER_TYPES, REPORT_SECTIONS, type OrderType, type ReportSection } from "./order-type";
import { netDollarsOf, netPaymentOf, type NetPayment } from "./net-payment";
import { partitionPercentages, percentOf } from "./percentages";
import { monthsOf, type Quarter } from "./quarter";

/** Orders received in one month and section, of one type, directed or not (Rule 606(a)(1)(i)). */
export interface OrderCount {
  month: number;
  section: ReportSection;
  orderType: OrderType;
  directed: boolean;
  orders: number;
}

/**
 * Non-directed orders of one type routed to one venue in one month and section, and what executed there:
 * an order split over venues counts once at each venue it was routed to, as the SEC's Rule 606 FAQ says.
 */
export interface VenueRoutes {
  month: number;
  section: ReportSection;
  orderType: OrderType;
  venueId: string;
  orders: number;
  executedShares: Decimal;
  /** Sum of the execution fees paid (negative amounts are rebates received). */
  feesPaid: Decimal;
}

/** A venue as the report names it. */
export interface ReportVenue {
  venueId: string;
  name: string;
  /** ISO 10383 MIC; venues sharing one are one venue in the report (the schema keeps MICs unique). */
  mic: string | null;
  /** Payment for order flow received per executed share. */
  paymentForOrderFlowPerShare: Decimal;
  /** Rule 606(a)(1)(iv) discussion of the material aspects of the relationship (ops edit it). */
  materialAspects: string;
}

export interface HeldOrderReportInput {
  broker: string;
  quarter: Quarter;
  generatedAt: Date;
  orders: readonly OrderCount[];
  routes: readonly VenueRoutes[];
  venues: readonly ReportVenue[];
}

export type ByOrderType<T> = Record<OrderType, T>;

export interface VenueRow {
  name: string;
  mic: string | null;
  /** The configured venues behind this row (one, or several sharing a MIC). */
  venueIds: string[];
  orders: number;
  orderPct: Decimal | null;
  typePct: ByOrderType<Decimal | null>;
  netPayment: ByOrderType<NetPayment>;
  materialAspects: string;
}

export interface SectionReport {
  section: ReportSection;
  orders: number;
  nonDirectedOrders: number;
  /** Share of the section's orders that were non-directed; null when the section had none. */
  nonDirectedPct: Decimal | null;
  /** Shares of the non-directed orders by type, adding up to 100.00 (null when there were none). */
  typePct: ByOrderType<Decimal | null>;
  venues: VenueRow[];
}

export interface MonthReport {
  year: number;
  month: number;
  sections: SectionReport[];
}

/** The Rule 606(a)(1) quarterly report of held, non-directed order routing. */
export interface HeldOrderReport {
  broker: string;
  quarter: Quarter;
  generatedAt: Date;
  months: MonthReport[];
}

/** Rule 606(a)(1)(ii): "the ten venues to which the largest number of total non-directed orders were routed". */
export const TOP_VENUES = 10;
/** ... "and of any venue to which five percent or more of non-directed orders were routed". */
const MATERIAL_SHARE = new Decimal("0.05");

const byType = <T>(value: (type: OrderType) => T): ByOrderType<T> =>
  Object.fromEntries(ORDER_TYPES.map((type) => [type, value(type)])) as ByOrderType<T>;

/** One report row per MIC (or per venue without one), its name from the first venue id. */
function reportingKeyOf(venue: ReportVenue): string {
  return venue.mic ?? `venue:${venue.venueId}`;
}

interface RowTotals {
  /** The venue whose name and MIC the row shows: the first by id among those sharing the MIC. */
  primary: ReportVenue;
  venues: ReportVenue[];
  orders: ByOrderType<number>;
  shares: ByOrderType<Decimal[]>;
  payments: ByOrderType<Decimal[]>;
}

function venueRowsOf(
  routes: readonly VenueRoutes[],
  venues: ReadonlyMap<string, ReportVenue>,
  nonDirected: ByOrderType<number>,
  nonDirectedTotal: number,
): VenueRow[] {
  const rows = new Map<string, RowTotals>();
  const rowOf = (venue: ReportVenue): RowTotals => {
    const key = reportingKeyOf(venue);
    let row = rows.get(key);
    if (row === undefined) {
      row = {
        primary: venue,
        venues: [],
        orders: byType(() => 0),
        shares: byType(() => []),
        payments: byType(() => []),
      };
      rows.set(key, row);
    }
    if (!row.venues.includes(venue)) row.venues.push(venue);
    return row;
  };
  // Rows are made in venue id order, so the row of several venues sharing a MIC is named by the first id.
  const routed = new Set(routes.map((route) => route.venueId));
  for (const venue of [...venues.values()].sort((a, b) => a.venueId.localeCompare(b.venueId))) {
    if (routed.has(venue.venueId)) rowOf(venue);
  }
  for (const route of routes) {
    const venue = venues.get(route.venueId) ?? unknownVenue(route.venueId);
    const row = rowOf(venue);
    row.orders[route.orderType] += route.orders;
    row.shares[route.orderType].push(route.executedShares);
    // Net payment per route, at its own venue's rate: MIC-sharing venues may be paid differently.
    row.payments[route.orderType].push(
      netDollarsOf(route.executedShares, route.feesPaid, venue.paymentForOrderFlowPerShare),
    );
  }
  const all = [...rows.values()].map((row) => toVenueRow(row, nonDirected, nonDirectedTotal));
  all.sort((a, b) => b.orders - a.orders || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  return all
    .filter(
      (row, rank) => rank < TOP_VENUES || new Decimal(row.orders).gte(MATERIAL_SHARE.times(nonDirectedTotal)),
    )
    .map(({ key: _key, ...row }) => row);
}

function toVenueRow(
  row: RowTotals,
  nonDirected: ByOrderType<number>,
  nonDirectedTotal: number,
): VenueRow & { key: string } {
  const orders = ORDER_TYPES.reduce((sum, type) => sum + row.orders[type], 0);
  const aspects = [
    ...new Set(row.venues.map((venue) => venue.materialAspects.trim()).filter((text) => text !== "")),
  ];
  return {
    key: reportingKeyOf(row.primary),
    name: row.primary.name,
    mic: row.primary.mic,
    venueIds: row.venues.map((venue) => venue.venueId),
    orders,
    orderPct: percentOf(orders, nonDirectedTotal),
    typePct: byType((type) => percentOf(row.orders[type], nonDirected[type])),
    netPayment: byType((type) =>
      netPaymentOf(sumDecimals(row.payments[type]), sumDecimals(row.shares[type])),
    ),
    materialAspects: aspects.join("\n\n"),
  };
}

/** A venue the logs name but the configuration no longer has: reported under its id, nothing received. */
function unknownVenue(venueId: string): ReportVenue {
  return {
    venueId,
    name: venueId,
    mic: null,
    paymentForOrderFlowPerShare: new Decimal(0),
    materialAspects: "",
  };
}

function sectionReport(
  section: ReportSection,
  orders: readonly OrderCount[],
  routes: readonly VenueRoutes[],
  venues: ReadonlyMap<string, ReportVenue>,
): SectionReport {
  const total = orders.reduce((sum, count) => sum + count.orders, 0);
  const nonDirected = byType((type) =>
    orders.filter((c) => !c.directed && c.orderType === type).reduce((sum, c) => sum + c.orders, 0),
  );
  const nonDirectedOrders = ORDER_TYPES.reduce((sum, type) => sum + nonDirected[type], 0);
  const shares = partitionPercentages(ORDER_TYPES.map((type) => nonDirected[type]));
  const typePct = Object.fromEntries(
    ORDER_TYPES.map((type, index) => [type, shares[index]]),
  ) as ByOrderType<Decimal | null>;
  return {
    section,
    orders: total,
    nonDirectedOrders,
    nonDirectedPct: percentOf(nonDirectedOrders, total),
    typePct,
    venues: venueRowsOf(routes, venues, nonDirected, nonDirectedOrders),
  };
}

/**
 * Builds the quarterly report of Rule 606(a)(1): for each of the quarter's three months and each section
 * (S&P 500 stocks, other NMS stocks, options), the non-directed share of orders and its split by order
 * type, the top venues with their shares by type and net payments, and the material aspects of each.
 */
export function buildHeldOrderReport(input: HeldOrderReportInput): HeldOrderReport {
  const venues = new Map(input.venues.map((venue) => [venue.venueId, venue]));
  return {
    broker: input.broker,
    quarter: input.quarter,
    generatedAt: input.generatedAt,
    months: monthsOf(input.quarter).map((month) => ({
      year: input.quarter.year,
      month,
      sections: REPORT_SECTIONS.map((section) =>
        sectionReport(
          section,
          input.orders.filter((c) => c.month === month && c.section === section),
          input.routes.filter((r) => r.month === month && r.section === section),
          venues,
        ),
      ),
    })),
  };
}
