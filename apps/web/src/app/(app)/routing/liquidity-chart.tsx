"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** A learned curve: after `shares`, P(liquidity > shares) is `survival` (Kaplan-Meier steps). */
export type LiquidityCurvePoints = {
  venueId: string;
  steps: readonly { shares: number; survival: number }[];
};

const COLORS = ["#1f5fbf", "#0f7b3e", "#b7791f", "#8b3fbf"];

/**
 * P(hidden liquidity >= x shares) per dark pool as a step line. Only rendered in the browser (dynamic,
 * ssr false): recharts measures its container, which has no size during server rendering.
 */
export default function LiquidityChart({ curves }: { curves: readonly LiquidityCurvePoints[] }) {
  const series = curves.map((curve) => ({
    venueId: curve.venueId,
    // The curve is 1 up to the first step, then each step's survival (held flat past the last).
    data: [
      { shares: 0, probability: 1 },
      ...curve.steps.map((step) => ({ shares: step.shares, probability: step.survival })),
    ],
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={{ top: 4, right: 16, bottom: 16, left: 0 }}>
        <CartesianGrid stroke="#e5e8ec" />
        <XAxis
          dataKey="shares"
          type="number"
          tick={{ fontSize: 11 }}
          label={{ value: "shares", position: "insideBottomRight", offset: -8, fontSize: 11 }}
        />
        <YAxis domain={[0, 1]} tick={{ fontSize: 11 }} width={44} />
        <Tooltip
          formatter={(value) => Number(value).toFixed(3)}
          labelFormatter={(x) => `${String(x)} shares`}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, index) => (
          <Line
            key={s.venueId}
            data={s.data}
            dataKey="probability"
            name={`${s.venueId}: P(liquidity ≥ x)`}
            type="stepAfter"
            stroke={COLORS[index % COLORS.length]}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
