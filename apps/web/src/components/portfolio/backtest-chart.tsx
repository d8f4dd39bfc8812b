"use client";

import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMoney } from "../../lib/format";
import type { BacktestDay } from "./types";

/** Axis ticks in whole dollars, the sign before the symbol: -$95,000. */
const usd = (value: number) =>
  `${value < 0 ? "-" : ""}$${Math.abs(Math.round(value)).toLocaleString("en-US")}`;

/**
 * The book's daily P&L (bars; exceptions red) against minus the VaR forecast of the evening before
 * (line): a bar below the line is a loss beyond VaR. Browser-only (recharts measures its container).
 */
export default function BacktestChart({ days }: { days: readonly BacktestDay[] }) {
  const data = days.map((day) => ({
    date: day.date,
    pnl: day.pnl,
    limit: -day.forecast,
    exception: day.exception,
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#e5e8ec" vertical={false} />
        <XAxis
          dataKey="date"
          tick={{ fontSize: 11 }}
          minTickGap={40}
          label={{ value: "Trading day (UTC)", position: "insideBottom", offset: -10, fontSize: 11 }}
        />
        <YAxis
          tick={{ fontSize: 11 }}
          width={80}
          tickFormatter={usd}
          label={{ value: "USD", angle: -90, position: "insideLeft", fontSize: 11 }}
        />
        <Tooltip
          formatter={(value, name) => [formatMoney(String(value)), name]}
          labelFormatter={(label) => `Day ${String(label)}`}
        />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="pnl" name="Daily P&L" isAnimationActive={false}>
          {data.map((row) => (
            <Cell key={row.date} fill={row.exception ? "#b91c1c" : "#9fb7d9"} />
          ))}
        </Bar>
        <Line
          dataKey="limit"
          name="−VaR forecast"
          stroke="#1f2328"
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
