import type { CustomerOrderRow, CustomerRoutingReport } from "./customer-routing-report";
import type { HandlingMonth, NotHeldReport } from "./not-held-report";
import { el, xmlDocument, type XmlElement } from "./xml";
import {
  SCHEMA_FILE,
  SCHEMA_VERSION,
  cphText,
  dateText,
  pctText,
  schemaName,
  sharesText,
  timeText,
  timestampText,
} from "./report-fields";

function header(report: { broker: string; customer: string; generatedAt: Date; from: Date; to: Date }) {
  return [
    el("version", SCHEMA_VERSION),
    el("customer", schemaCustomer(report.customer)),
    el("bd", schemaName("broker-dealer name", report.broker)),
    el("timestamp", timestampText(report.generatedAt)),
    el("startDate", dateText(report.from)),
    el("endDate", dateText(report.to)),
  ];
}

/** CustomerNameType may be empty (the aggregate of all customers); otherwise a name like any other. */
function schemaCustomer(customer: string): string {
  return customer.trim() === "" ? "" : schemaName("customer name", customer);
}

const venueIdentity = (name: string, mic: string | null): XmlElement[] => [
  el("venueName", schemaName("venue name", name)),
  ...(mic === null ? [] : [el("mic", mic)]),
];

function orderList(name: string, orders: readonly CustomerOrderRow[]): XmlElement {
  return el(
    name,
    orders.map((order) =>
      el("order", [
        el("orderId", order.orderId),
        el("directed", order.directed ? "Y" : "N"),
        ...order.routes.map((route) =>
          el("route", [
            ...venueIdentity(route.venueName, route.mic),
            ...route.transactions.map((at) =>
              el("transaction", [el("date", dateText(at)), el("time", timeText(at))]),
            ),
          ]),
        ),
      ]),
    ),
  );
}

/** Rule 606(b)(1) report as the SEC's heldExemptNotHeldOrderRoutingCustomerReport document. */
export function customerRoutingReportXml(report: CustomerRoutingReport): string {
  return xmlDocument(
    el("heldExemptNotHeldOrderRoutingCustomerReport", [
      ...header(report),
      orderList("held", report.held),
      orderList("notHeldExempt", report.notHeldExempt),
      orderList("options", report.options),
    ]),
    SCHEMA_FILE,
  );
}

function monthElement(month: HandlingMonth): XmlElement {
  return el("hMonthly", [
    el("year", String(month.year)),
    el("mon", String(month.month)),
    el("sentShr", sharesText(month.sentShares)),
    el("executedAsPrincipalShr", sharesText(month.executedAsPrincipalShares)),
    el("ioiExposedOrd", String(month.ioiExposedOrders)),
    el("ioiExposedVenueList", []),
    el(
      "routingVenueList",
      month.venues.map((v) =>
        el("iVenue", [
          ...venueIdentity(v.venueName, v.mic),
          el("routedShr", sharesText(v.routedShares)),
          el("iocRoutedShr", sharesText(v.iocRoutedShares)),
          el("furtherRoutableShr", sharesText(v.furtherRoutableShares)),
          el("orderSizeShr", sharesText(v.averageOrderShares)),
          el("executedShr", sharesText(v.executedShares)),
          el("filledPct", pctText(v.filledPct)),
          el("fillSizeShr", sharesText(v.averageFillShares)),
          el("netFeeOrRebateCph", cphText(v.netFeeOrRebateCph)),
          el("midpointShr", sharesText(v.midpointShares)),
          el("midpointPct", pctText(v.midpointPct)),
          el("nearsideShr", sharesText(v.nearsideShares)),
          el("nearsidePct", pctText(v.nearsidePct)),
          el("farsideShr", sharesText(v.farsideShares)),
          el("farsidePct", pctText(v.farsidePct)),
          // The schema spells this element "Liqudity".
          el("providedLiqudityShr", sharesText(v.providedLiquidityShares)),
          el("providedLiquidityPct", pctText(v.providedLiquidityPct)),
          el(
            "orderDurationMsec",
            v.averageProvidingDurationMs === null ? "" : String(v.averageProvidingDurationMs),
          ),
          el("providedLiquidityNetCph", cphText(v.providedLiquidityNetCph)),
          el("removedLiquidityShr", sharesText(v.removedLiquidityShares)),
          el("removedLiquidityPct", pctText(v.removedLiquidityPct)),
          el("removedLiquidityNetCph", cphText(v.removedLiquidityNetCph)),
        ]),
      ),
    ),
  ]);
}

/** Rule 606(b)(3) report as the SEC's notHeldOrderHandlingCustomerReport document. */
export function notHeldReportXml(report: NotHeldReport): string {
  return xmlDocument(
    el("notHeldOrderHandlingCustomerReport", [
      ...header(report),
      el("hDirected", report.directed.map(monthElement)),
      el("hNondirected", report.nonDirected.map(monthElement)),
    ]),
    SCHEMA_FILE,
  );
}
