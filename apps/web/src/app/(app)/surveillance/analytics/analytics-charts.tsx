"use client";

import type { RouterOutputs } from "@nexus/api";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TYPE_LABELS, TYPES } from "../../alerts/alert-labels";

type Analytics = RouterOutputs["compliance"]["analytics"];

const COLORS: Record<(typeof TYPES)[number], string> = {
  spoofing: "#1f5fbf",
  layering: "#6b46c1",
  wash_trading: "#b91c1c",
  momentum: "#c2410c",
  front_running: "#0f7b3e",
  quote_stuffing: "#4b5563",
};

function Chart({ title, empty, children }: { title: string; empty?: string; children: React.ReactElement }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {empty === undefined ? (
        <div className="chart" style={{ height: 260 }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="empty">{empty}</p>
      )}
    </section>
  );
}

/** The four charts; in the browser only (recharts measures its container). */
export default function AnalyticsCharts({ analytics, hourly }: { analytics: Analytics; hourly: boolean }) {
  const buckets = new Map<string, Record<string, number | string>>();
  for (const point of analytics.overTime) {
    const iso = point.bucket.toISOString();
    const label = hourly ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(0, 10);
    const row = buckets.get(label) ?? { bucket: label };
    row[point.alertType] = point.alerts;
    buckets.set(label, row);
  }
  const dismissal = analytics.dismissals.map((row) => ({
    model: TYPE_LABELS[row.alertType],
    rate: Math.round((row.dismissed / row.closed) * 1000) / 10,
    closed: row.closed,
  }));
  const closing = analytics.timeToClose.map((row) => ({
    model: TYPE_LABELS[row.alertType],
    median: Math.round(row.medianHours * 10) / 10,
    p90: Math.round(row.p90Hours * 10) / 10,
  }));
  return (
    <div className="grid" style={{ gridTemplateColumns: "repeat(2, minmax(0, 1fr))" }}>
      <Chart
        title="Alerts per model over time"
        {...(buckets.size === 0 ? { empty: "No alert in this period." } : {})}
      >
        <BarChart data={[...buckets.values()]}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend verticalAlign="top" height={28} />
          {TYPES.map((type) => (
            <Bar key={type} dataKey={type} name={TYPE_LABELS[type]} stackId="alerts" fill={COLORS[type]} />
          ))}
        </BarChart>
      </Chart>
      <Chart
        title="Dismissal rate per model (% of closed alerts)"
        {...(dismissal.length === 0 ? { empty: "No alert of this period has been closed yet." } : {})}
      >
        <BarChart data={dismissal}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="model" fontSize={11} />
          <YAxis unit="%" domain={[0, 100]} fontSize={11} />
          <Tooltip
            formatter={(value, _name, item) => [`${String(value)} % of ${item.payload.closed}`, "dismissed"]}
          />
          <Bar dataKey="rate" name="Dismissed" fill="#b91c1c" />
        </BarChart>
      </Chart>
      <Chart
        title="Time to close (hours from detection)"
        {...(closing.length === 0 ? { empty: "No alert of this period has been closed yet." } : {})}
      >
        <BarChart data={closing}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="model" fontSize={11} />
          <YAxis unit=" h" fontSize={11} />
          <Tooltip />
          <Legend verticalAlign="top" height={28} />
          <Bar dataKey="median" name="Median" fill="#1f5fbf" />
          <Bar dataKey="p90" name="90th percentile" fill="#93b4e6" />
        </BarChart>
      </Chart>
      <Chart title="Open alerts by age">
        <BarChart data={analytics.openByAge}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="band" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Bar dataKey="alerts" name="Open alerts" fill="#c2410c" />
        </BarChart>
      </Chart>
    </div>
  );
}
