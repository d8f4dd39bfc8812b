import { describe, expect, it } from "vitest";
import { COMMA_NAME, LONG_NAME, seededQuarter, venue } from "./fixtures.testing";
import { buildHeldOrderReport } from "./held-order-report";
import { heldOrderReportCsv, csvField } from "./held-order-csv";
import { heldOrderReportBody, heldOrderReportHtml } from "./held-order-html";
import { heldOrderReportXml } from "./held-order-xml";
import { ReportNameError, schemaName } from "./report-fields";
import { escapeXml } from "./xml";

const report = buildHeldOrderReport(seededQuarter());

describe("606(a)(1) XML", () => {
  const xml = heldOrderReportXml(report);

  it("writes the schema's document with the header fields", () => {
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<heldOrderRoutingPublicReport xmlns:xsi='),
    ).toBe(true);
    expect(xml).toContain("<version>1.3</version>");
    expect(xml).toContain("<bd>NexusTrade Securities, L.L.C.</bd>");
    expect(xml).toContain("<qtr>2</qtr>");
    // Half a second rounds up (the schema's timestamp rule).
    expect(xml).toContain("<timestamp>2016-07-05T12:00:01Z</timestamp>");
    expect(xml.match(/<rMonthly>/g)).toHaveLength(3);
    expect(xml).toContain("<rOptions>\n      <ndoPct></ndoPct>");
    expect(xml).toContain("<rVenues/>");
  });

  it("keeps venue names with commas, periods and ampersands and 80 characters whole", () => {
    expect(xml).toContain(`<name>${escapeXml(COMMA_NAME)}</name>`);
    expect(xml).toContain("Equities &amp; Options.</name>");
    expect(xml).toContain(`<name>${LONG_NAME}</name>`);
  });

  it("omits the MIC of a venue without one", () => {
    const single = buildHeldOrderReport({
      ...seededQuarter(),
      venues: [venue("v01", "No MIC Venue", null)],
      routes: seededQuarter().routes.filter((r) => r.venueId === "v01"),
    });
    expect(heldOrderReportXml(single)).toContain("<name>No MIC Venue</name>\n          <orderPct>");
    expect(heldOrderReportHtml(single)).toContain("<td>No MIC Venue</td>");
    expect(heldOrderReportCsv(single)).toContain("Venue,No MIC Venue,,");
  });

  it("refuses a name longer than the schema's 80 characters rather than cut it", () => {
    expect(() => schemaName("venue v9 name", "N".repeat(81))).toThrow(ReportNameError);
    expect(() => schemaName("venue v9 name", "   ")).toThrow(/venue v9 name: the SEC schema takes 1 to 80/);
    expect(schemaName("bd", "  B.   Roker,\tInc. ")).toBe("B. Roker, Inc.");
  });
});

describe("606(a)(1) HTML", () => {
  it("lays out title, quarter, months, sections, tables and material aspects like the SEC's renderer", () => {
    const html = heldOrderReportHtml(report);
    expect(html).toContain(
      "<h1>NexusTrade Securities, L.L.C. - Held NMS Stocks and Options Order Routing Public Report</h1>",
    );
    expect(html).toContain("<h2>2nd Quarter, 2016</h2>");
    expect(html).toContain("<h2>April 2016</h2>");
    expect(html).toContain("<h3>S&#38;P 500 Stocks</h3>");
    expect(html).toContain("<h3>Non-S&#38;P 500 Stocks</h3>");
    expect(html).toContain("<h3>Options</h3>");
    expect(html).toContain("<th>Non-Directed Orders as % of All Orders</th>");
    expect(html).toContain("No non-directed orders were routed.");
    expect(html).toContain("Cboe BZX Exchange, Inc. (f/k/a Bats, Inc.), Equities &#38; Options. (BATS)");
    expect(html).toContain(`${LONG_NAME} (LONG)`);
    expect(html).toContain("<h4>Material Aspects:</h4>");
  });

  it("links each venue to its 605 figures when asked", () => {
    const body = heldOrderReportBody(report, {
      venueHref: (v) => `/reports/605?venue=${v.venueIds.join(",")}`,
    });
    expect(body).toContain('<a href="/reports/605?venue=v01">');
  });

  it("marks each month's part with its key, which the preview scrolls to", () => {
    const body = heldOrderReportBody(report);
    expect([...body.matchAll(/data-month="([^"]+)"><h2>(\w+ \d+)<\/h2>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["2016-04", "April 2016"],
      ["2016-05", "May 2016"],
      ["2016-06", "June 2016"],
    ]);
  });

  it("breaks material aspects text into lines", () => {
    const multi = buildHeldOrderReport({
      ...seededQuarter(),
      venues: seededQuarter().venues.map((v) => ({ ...v, materialAspects: "Line one.\nLine two <b>" })),
    });
    expect(heldOrderReportBody(multi)).toContain("Line one.<br>Line two &#60;b&#62;");
  });
});

describe("606(a)(1) CSV", () => {
  const csv = heldOrderReportCsv(report);
  const records = csv.trimEnd().split("\r\n");

  it("has a header, then a summary and the venues per month and section, CRLF-terminated", () => {
    expect(
      records[0]?.startsWith("Year,Month,Section,Row,Venue,MIC,Non-Directed Orders as % of All Orders"),
    ).toBe(true);
    expect(records[1]?.startsWith("2016,4,S&P 500 Stocks,Summary,,,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const columns = records[0]?.split(",").length;
    expect(records[1]?.split(",").length).toBe(columns);
  });

  it("quotes a name with commas so it comes out whole", () => {
    expect(csv).toContain(`"${COMMA_NAME}",BATS,`);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("plain.")).toBe("plain.");
  });
});
