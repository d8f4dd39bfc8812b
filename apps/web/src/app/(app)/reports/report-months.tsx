"use client";

import { REPORT_SECTIONS, SECTION_TITLES, monthName, reportMonthKey } from "@nexus/core/reports";
import type { ReportSection } from "@nexus/core/reports";

export interface ReportMonthFigures {
  year: number;
  month: number;
  sections: { section: ReportSection; nonDirectedOrders: number; venues: { name: string }[] }[];
}

/**
 * The quarter's months at a glance, above the report: the report lists every month in order (Rule
 * 606(a)(1) reports each calendar month), so in a quarter in progress its first months can be empty
 * while the orders so far sit further down; each month's row says what it holds and scrolls the
 * preview to it.
 */
export function ReportMonths(props: {
  months: readonly ReportMonthFigures[];
  /** Scrolls the preview to the month of this key (reportMonthKey). */
  onShow: (key: string) => void;
}) {
  return (
    <div className="table-wrap report-months">
      <table className="data" aria-label="Months of the quarter">
        <thead>
          <tr>
            <th>Month</th>
            {REPORT_SECTIONS.map((section) => (
              <th key={section} className="num">
                {SECTION_TITLES[section]}: non-directed orders
              </th>
            ))}
            <th className="num">Venues</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.months.map((month) => {
            const key = reportMonthKey(month);
            const orders = (section: ReportSection) =>
              month.sections.find((entry) => entry.section === section)?.nonDirectedOrders ?? 0;
            const venues = new Set(
              month.sections.flatMap((entry) => entry.venues.map((venue) => venue.name)),
            );
            const routed = REPORT_SECTIONS.some((section) => orders(section) > 0);
            return (
              <tr key={key}>
                <td>
                  {monthName(month.month)} {month.year}
                </td>
                {REPORT_SECTIONS.map((section) => (
                  <td key={section} className="num">
                    {orders(section).toLocaleString("en-US")}
                  </td>
                ))}
                <td className="num">{venues.size}</td>
                <td>
                  {routed ? (
                    <button type="button" className="link" onClick={() => props.onShow(key)}>
                      Show in the report
                    </button>
                  ) : (
                    <span className="hint">no orders routed</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
