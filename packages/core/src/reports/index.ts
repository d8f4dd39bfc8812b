/**
 * Best-execution reports (issue 13): Rule 606(a)(1) quarterly held-order routing, Rule 606(b)(1) and
 * (b)(3) customer reports, Rule 605-style execution quality; the SEC schema's XML, an HTML view like the
 * SEC's renderer, and CSV. Pure: the caller reads the logs and supplies the clock.
 */
export {
  ORDER_TYPES,
  REPORT_SECTIONS,
  classifyOrder,
  farQuoteOf,
  orderTypeOf,
  stockSectionOf,
} from "./order-type";
export type { FarQuote, OrderAtReceipt, OrderType, ReportSection } from "./order-type";
export { monthsOf, parseQuarter, previousQuarter, quarterBounds, quarterLabel, quarterOf } from "./quarter";
export type { Quarter } from "./quarter";
export { partitionPercentages, percentOf } from "./percentages";
export { netDollarsOf, netPaymentOf } from "./net-payment";
export type { NetPayment } from "./net-payment";
export { TOP_VENUES, buildHeldOrderReport } from "./held-order-report";
export type {
  ByOrderType,
  HeldOrderReport,
  HeldOrderReportInput,
  MonthReport,
  OrderCount,
  ReportVenue,
  SectionReport,
  VenueRoutes,
  VenueRow,
} from "./held-order-report";
export { heldOrderReportXml } from "./held-order-xml";
export {
  REPORT_CSS,
  SECTION_TITLES,
  SUMMARY_HEADERS,
  VENUE_HEADERS,
  escapeHtml,
  heldOrderReportBody,
  heldOrderReportHtml,
  summaryCells,
  venueCells,
  venueLabel,
} from "./held-order-html";
export type { HtmlOptions } from "./held-order-html";
export { csvField, heldOrderReportCsv } from "./held-order-csv";
export { buildCustomerRoutingReport, sixMonthsBefore } from "./customer-routing-report";
export type {
  CustomerOrderRow,
  CustomerRoute,
  CustomerRoutingReport,
  RoutedVenue,
} from "./customer-routing-report";
export { buildNotHeldReport, spreadSideOf } from "./not-held-report";
export type {
  HandlingMonth,
  HandlingVenueRow,
  NotHeldChildOrder,
  NotHeldOrdersSent,
  NotHeldReport,
  SpreadSide,
} from "./not-held-report";
export { customerRoutingReportXml, notHeldReportXml } from "./customer-reports-xml";
export { SIZE_BUCKETS, buildExecutionQuality, sizeBucketOf } from "./execution-quality-report";
export type { CoveredExecution, ExecutionQualityRow, SizeBucket } from "./execution-quality-report";
export { MAX_NAME_LENGTH, ReportNameError, monthName, reportMonthKey, schemaName } from "./report-fields";
