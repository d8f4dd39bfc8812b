"use client";

import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface TimelinePoint {
  at: string;
  event: "created" | "modified" | "cancelled" | "filled";
  side: "buy" | "sell";
  price: string | null;
  quantity: string;
}

const PLACED_COLOR = "#1f5fbf";

/**
 * A placed order: a ring, drawn over the other steps, so that an order placed and pulled in the same
 * millisecond (a quote-stuffing burst) shows its cross inside the ring rather than the cross alone.
 */
function PlacedRing({ cx, cy }: { cx?: number; cy?: number }) {
  return <circle cx={cx} cy={cy} r={5} fill="none" stroke={PLACED_COLOR} strokeWidth={1.5} />;
}

/** One series per kind of step, so the pattern (placed, pulled, filled) reads at a glance; in the story's order. */
const SERIES = [
  { event: "created", name: "Placed", color: PLACED_COLOR, shape: PlacedRing },
  { event: "modified", name: "Modified", color: "#6b46c1", shape: "diamond" },
  { event: "cancelled", name: "Cancelled", color: "#b91c1c", shape: "cross" },
  { event: "filled", name: "Filled", color: "#0f7b3e", shape: "triangle" },
] as const;
/** Later series are drawn over earlier ones: the placements last. */
const DRAWING_ORDER = [...SERIES].reverse();
const storyRank = (name: unknown) => SERIES.findIndex((series) => series.name === name);

/**
 * The user's orders by price level over time (ms after the first step). Rendered in the browser only:
 * recharts measures its container.
 */
export default function TimelineChart({ points }: { points: readonly TimelinePoint[] }) {
  const priced = points.filter((point) => point.price !== null);
  const startMs = Math.min(...priced.map((point) => Date.parse(point.at)));
  const data = priced.map((point) => ({
    ...point,
    t: Date.parse(point.at) - startMs,
    y: Number(point.price),
    size: Number(point.quantity),
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#e5e8ec" />
        <XAxis
          type="number"
          dataKey="t"
          name="Time"
          unit=" ms"
          tick={{ fontSize: 11 }}
          label={{ value: "ms after the first step", position: "insideBottom", offset: -8, fontSize: 11 }}
        />
        <YAxis
          type="number"
          dataKey="y"
          name="Price"
          domain={["auto", "auto"]}
          tick={{ fontSize: 11 }}
          width={64}
        />
        <Tooltip formatter={(value, name) => [String(value), String(name)]} labelFormatter={() => ""} />
        <Legend
          verticalAlign="top"
          wrapperStyle={{ fontSize: 12 }}
          itemSorter={(item) => storyRank(item.value)}
        />
        {DRAWING_ORDER.map((series) => (
          <Scatter
            key={series.event}
            name={series.name}
            data={data.filter((point) => point.event === series.event)}
            fill={series.color}
            shape={series.shape}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
