"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Routed decisions in one bucket for one venue or strategy (`key`); `bucketStart` is ISO 8601 UTC. */
export type DistributionPoint = { bucketStart: string; key: string; decisions: number };

const COLORS = ["#1f5fbf", "#0f7b3e", "#b7791f", "#8b3fbf", "#c2410c", "#0e7490", "#6b7280", "#be185d"];

/**
 * Decisions per bucket stacked by venue or strategy. Only rendered in the browser (dynamic, ssr false):
 * recharts measures its container, which has no size during server rendering.
 */
export default function DistributionChart({ points }: { points: readonly DistributionPoint[] }) {
  const keys = [...new Set(points.map((p) => p.key))].sort();
  const byBucket = new Map<string, Record<string, number | string>>();
  for (const point of points) {
    const row = byBucket.get(point.bucketStart) ?? { label: point.bucketStart.slice(11, 16) };
    row[point.key] = point.decisions;
    byBucket.set(point.bucketStart, row);
  }
  const data = [...byBucket.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} barCategoryGap={1} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e8ec" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
        <Tooltip labelFormatter={(label) => `${String(label)} UTC`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {keys.map((key, index) => (
          <Bar
            key={key}
            dataKey={key}
            name={key}
            stackId="decisions"
            fill={COLORS[index % COLORS.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
