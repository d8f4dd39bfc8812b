/** `@nexus/services/reports`: the Rule 605/606 best-execution reports (issue 13), for the API and the CLI. */
export {
  BROKER_DEALER_NAME,
  loadCustomerRoutingReport,
  loadExecutionQuality,
  loadHeldOrderReport,
  loadNotHeldReport,
} from "./best-execution-reports";
export type { CustomerPeriod, ReportClock } from "./best-execution-reports";
export { heldOrderReportPdf } from "./held-order-pdf";
export { materialAspectsInputSchema, setMaterialAspects } from "./material-aspects";
export type { MaterialAspectsInput } from "./material-aspects";
export { REPORT_FORMATS, customerReportDocument, heldOrderReportDocument } from "./report-documents";
export type { ReportDocument, ReportFormat } from "./report-documents";
export { ReportError } from "./report-error";
export type { ReportProblem } from "./report-error";
export { configuredMaterialAspects, loadReportVenues } from "./report-venues";
export type { ConfiguredReportVenue } from "./report-venues";
