import type { HeldOrderReport, SectionReport, VenueRow } from "./held-order-report";
import { el, xmlDocument, type XmlElement } from "./xml";
import {
  SCHEMA_FILE,
  SCHEMA_VERSION,
  cphText,
  pctText,
  schemaName,
  timestampText,
  usdText,
} from "./report-fields";

const SECTION_ELEMENTS = { sp500: "rSP500", other_stocks: "rOtherStocks", options: "rOptions" } as const;

function venueElement(venue: VenueRow): XmlElement {
  const payment = venue.netPayment;
  return el("rVenue", [
    el("name", schemaName(`venue ${venue.venueIds.join(", ")} name`, venue.name)),
    ...(venue.mic === null ? [] : [el("mic", venue.mic)]),
    el("orderPct", pctText(venue.orderPct)),
    el("marketPct", pctText(venue.typePct.market)),
    el("marketableLimitPct", pctText(venue.typePct.marketable_limit)),
    el("nonMarketableLimitPct", pctText(venue.typePct.non_marketable_limit)),
    el("otherPct", pctText(venue.typePct.other)),
    el("netPmtPaidRecvMarketOrdersUsd", usdText(payment.market.usd)),
    el("netPmtPaidRecvMarketOrdersCph", cphText(payment.market.centsPerHundredShares)),
    el("netPmtPaidRecvMarketableLimitOrdersUsd", usdText(payment.marketable_limit.usd)),
    el("netPmtPaidRecvMarketableLimitOrdersCph", cphText(payment.marketable_limit.centsPerHundredShares)),
    el("netPmtPaidRecvNonMarketableLimitOrdersUsd", usdText(payment.non_marketable_limit.usd)),
    el(
      "netPmtPaidRecvNonMarketableLimitOrdersCph",
      cphText(payment.non_marketable_limit.centsPerHundredShares),
    ),
    el("netPmtPaidRecvOtherOrdersUsd", usdText(payment.other.usd)),
    el("netPmtPaidRecvOtherOrdersCph", cphText(payment.other.centsPerHundredShares)),
    el("materialAspects", venue.materialAspects),
  ]);
}

function sectionElement(section: SectionReport): XmlElement {
  return el(SECTION_ELEMENTS[section.section], [
    el("ndoPct", pctText(section.nonDirectedPct)),
    el("ndoMarketPct", pctText(section.typePct.market)),
    el("ndoMarketableLimitPct", pctText(section.typePct.marketable_limit)),
    el("ndoNonmarketableLimitPct", pctText(section.typePct.non_marketable_limit)),
    el("ndoOtherPct", pctText(section.typePct.other)),
    el("rVenues", section.venues.map(venueElement)),
  ]);
}

/** The report as the SEC's heldOrderRoutingPublicReport document (oh-20191231.xsd). */
export function heldOrderReportXml(report: HeldOrderReport): string {
  return xmlDocument(
    el("heldOrderRoutingPublicReport", [
      el("version", SCHEMA_VERSION),
      el("bd", schemaName("broker-dealer name", report.broker)),
      el("year", String(report.quarter.year)),
      el("qtr", String(report.quarter.quarter)),
      el("timestamp", timestampText(report.generatedAt)),
      ...report.months.map((month) =>
        el("rMonthly", [
          el("year", String(month.year)),
          el("mon", String(month.month)),
          ...month.sections.map(sectionElement),
        ]),
      ),
    ]),
    SCHEMA_FILE,
  );
}
