"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../../trpc/react";

const SIZE_LABELS: Record<number, string> = {
  0: "< $250",
  250: "$250 - < $1,000",
  1000: "$1,000 - < $5,000",
  5000: "$5,000 - < $10,000",
  10000: "$10,000 - < $20,000",
  20000: "$20,000 - < $50,000",
  50000: "$50,000 - < $200,000",
  200000: ">= $200,000",
};
const TYPE_LABELS: Record<string, string> = { market: "Market", marketable_limit: "Marketable limit" };

/** Averages of floats: a value within rounding of zero prints as 0, not "-0.0000". */
const fixed = (value: number, digits: number) =>
  (Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value).toFixed(digits);
const dollars = (value: number | null, digits = 4) =>
  value === null
    ? "—"
    : `${fixed(value, digits).startsWith("-") ? "-" : ""}$${fixed(Math.abs(value), digits)}`;
const percent = (value: number | null) => (value === null ? "—" : `${fixed(value * 100, 2)} %`);
const ratio = (value: number | null) => (value === null ? "—" : fixed(value, 3));

/** Rule 605(a) figures per venue, order type and notional size bucket; share-weighted averages. */
export function ExecutionQualityTable(props: { quarter: string; venueIds: string[] | undefined }) {
  const trpc = useTRPC();
  const rows = useQuery(
    trpc.reports.executionQuality.queryOptions({ quarter: props.quarter, venueIds: props.venueIds }),
  );
  if (rows.error) return <p className="error">{rows.error.message}</p>;
  const data = rows.data ?? [];
  return (
    <section className="panel spaced" aria-label="Execution quality">
      {data.length === 0 ? (
        <p className="empty">No market or marketable limit order executed in {props.quarter}.</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>Venue</th>
                <th>Order type</th>
                <th>Order size</th>
                <th className="num">Orders</th>
                <th className="num">Shares executed</th>
                <th className="num">Effective spread</th>
                <th className="num">Quoted spread</th>
                <th className="num">E/Q</th>
                <th className="num">Price improved</th>
                <th className="num">Avg improvement</th>
                <th className="num">At or better</th>
                <th className="num">Realized 15 s</th>
                <th className="num">Realized 1 min</th>
                <th className="num">Time to execution</th>
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={`${row.venueId}-${row.orderType}-${row.sizeBucket}`}>
                  <td>{row.venueId}</td>
                  <td>{TYPE_LABELS[row.orderType] ?? row.orderType}</td>
                  <td>{SIZE_LABELS[row.sizeBucket] ?? row.sizeBucket}</td>
                  <td className="num">{row.orders.toLocaleString("en-US")}</td>
                  <td className="num">{row.executedShares.toLocaleString("en-US")}</td>
                  <td className="num">{dollars(row.averageEffectiveSpread)}</td>
                  <td className="num">{dollars(row.averageQuotedSpread)}</td>
                  <td className="num">{ratio(row.effectiveOverQuoted)}</td>
                  <td className="num">{percent(row.priceImprovedShare)}</td>
                  <td className="num">{dollars(row.averagePriceImprovement)}</td>
                  <td className="num">{percent(row.atOrBetterShare)}</td>
                  <td className="num">{dollars(row.averageRealizedSpread15s)}</td>
                  <td className="num">{dollars(row.averageRealizedSpread1m)}</td>
                  <td className="num">{row.averageExecutionMs.toFixed(1)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
