"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** `minute` is an ISO 8601 UTC timestamp, as the API sends it. */
export type MinutePoint = { minute: string; orders: number; trades: number; quotes: number };

const SERIES = [
  { key: "orders", name: "Orders", color: "#1f5fbf" },
  { key: "trades", name: "Trades", color: "#0f7b3e" },
  { key: "quotes", name: "Quotes", color: "#b7791f" },
] as const;

/**
 * Events per minute, one stacked bar per minute (counts are discrete, so no smoothed curve). Only ever rendered in the browser (see overview-dashboard):
 * recharts measures its container, which has no size during server rendering.
 */
export default function EventsChart({ points }: { points: readonly MinutePoint[] }) {
  const data = points.map((point) => ({ ...point, label: point.minute.slice(11, 16) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} barCategoryGap={1} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e8ec" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
        <Tooltip labelFormatter={(label) => `${String(label)} UTC`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {SERIES.map((series) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.name}
            stackId="events"
            fill={series.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
