"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { PerformanceSeries } from "./types";

export type RollingMetric = "rollingVolatility" | "rollingSharpe" | "rollingBeta";

const percent = (digits: number) => (value: number) => `${(value * 100).toFixed(digits)} %`;
const ratio = (value: number) => value.toFixed(2);
const AXIS = { fontSize: 11 };
const MARGIN = { top: 4, right: 8, bottom: 16, left: 8 };

function dateAxis() {
  return (
    <XAxis
      dataKey="date"
      tick={AXIS}
      minTickGap={48}
      label={{ value: "Date (UTC)", position: "insideBottom", offset: -10, fontSize: 11 }}
    />
  );
}

const COMPARISONS = {
  cumulative: {
    book: "cumulative",
    benchmark: "benchmarkCumulative",
    axis: "Cumulative return, %",
    colour: "#1f5fbf",
    fill: "none",
  },
  drawdown: {
    book: "drawdown",
    benchmark: "benchmarkDrawdown",
    axis: "Drawdown, %",
    colour: "#b91c1c",
    fill: "#f4c7c7",
  },
} as const;

/**
 * The book against its benchmark, in percent: the cumulative return since the start of the range, or
 * the underwater curve (the fall from the running peak of wealth, 0 at a new high).
 */
export function ComparisonChart({
  series,
  kind,
}: {
  series: PerformanceSeries;
  kind: keyof typeof COMPARISONS;
}) {
  const chart = COMPARISONS[kind];
  const data = series.dates.map((date, t) => ({
    date,
    book: series[chart.book][t],
    benchmark: series[chart.benchmark][t],
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={data} margin={MARGIN}>
        <CartesianGrid stroke="#e5e8ec" vertical={false} />
        {dateAxis()}
        <YAxis
          tick={AXIS}
          width={64}
          tickFormatter={percent(0)}
          label={{ value: chart.axis, angle: -90, position: "insideLeft", fontSize: 11, dy: 50 }}
        />
        <Tooltip formatter={(value) => percent(2)(Number(value))} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        <Area
          dataKey="book"
          name="Portfolio"
          stroke={chart.colour}
          fill={chart.fill}
          isAnimationActive={false}
        />
        <Area
          dataKey="benchmark"
          name={`Benchmark: ${series.benchmark}`}
          stroke="#8c959f"
          fill="none"
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

const ROLLING_AXIS: Record<RollingMetric, { label: string; format: (value: number) => string }> = {
  rollingVolatility: { label: "Volatility, % a year", format: percent(0) },
  rollingSharpe: { label: "Sharpe ratio", format: ratio },
  rollingBeta: { label: "Beta", format: ratio },
};

/** One rolling metric over the trailing window. */
export function RollingChart({ series, metric }: { series: PerformanceSeries; metric: RollingMetric }) {
  const data = series.dates.map((date, t) => ({ date, value: series[metric][t] }));
  const axis = ROLLING_AXIS[metric];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={MARGIN}>
        <CartesianGrid stroke="#e5e8ec" vertical={false} />
        {dateAxis()}
        <YAxis
          tick={AXIS}
          width={64}
          tickFormatter={axis.format}
          label={{ value: axis.label, angle: -90, position: "insideLeft", fontSize: 11, dy: 40 }}
        />
        <Tooltip formatter={(value) => axis.format(Number(value))} />
        <Line
          dataKey="value"
          name={`${axis.label}, ${series.rollingWindow}-day window`}
          stroke="#1f5fbf"
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
