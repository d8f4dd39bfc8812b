"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, formatPercent } from "../../lib/format";
import type { ComponentVaR } from "./types";

/**
 * Component VaR per symbol (Euler allocation: the bars add up to the VaR; a negative bar is a hedge).
 * Browser-only (loaded with ssr: false): recharts measures its container. Decimal strings become numbers
 * only here, for drawing; labels and tooltips show the exact amounts.
 */
export default function ComponentVaRChart({ components }: { components: readonly ComponentVaR[] }) {
  const data = [...components]
    .sort((a, b) => Number(b.component) - Number(a.component))
    .map((component) => ({ ...component, amount: Number(component.component) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e5e8ec" vertical={false} />
        <XAxis dataKey="symbol" tick={{ fontSize: 11 }} interval={0} />
        <YAxis
          tick={{ fontSize: 11 }}
          width={72}
          tickFormatter={(value: number) => `$${Math.round(value).toLocaleString("en-US")}`}
          label={{ value: "USD", angle: -90, position: "insideLeft", fontSize: 11 }}
        />
        <Tooltip
          formatter={(_value, _name, item) => {
            const row = item.payload as ComponentVaR;
            return [`${formatMoney(row.component)} (${formatPercent(row.share, 1)} of VaR)`, "Component VaR"];
          }}
        />
        <Bar dataKey="amount" name="Component VaR" isAnimationActive={false}>
          {data.map((row) => (
            <Cell key={row.symbol} fill={row.amount < 0 ? "#0f7b3e" : "#1f5fbf"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
