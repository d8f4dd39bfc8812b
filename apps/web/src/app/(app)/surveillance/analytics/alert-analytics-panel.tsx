"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { useTRPC } from "../../../../trpc/react";

const AnalyticsCharts = dynamic(() => import("./analytics-charts"), { ssr: false });

const PERIODS = [
  { days: 1, label: "24 hours" },
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
] as const;

export function AlertAnalyticsPanel() {
  const trpc = useTRPC();
  const [days, setDays] = useState<number>(7);
  const analytics = useQuery({
    ...trpc.compliance.analytics.queryOptions({ days }),
    refetchInterval: 15_000,
  });
  return (
    <>
      <p className="actions choice" role="group" aria-label="Period">
        {PERIODS.map((period) => (
          <button
            key={period.days}
            type="button"
            className="button"
            aria-pressed={days === period.days}
            onClick={() => setDays(period.days)}
          >
            {period.label}
          </button>
        ))}
      </p>
      {analytics.error && (
        <p className="error" role="alert">
          {analytics.error.message}
        </p>
      )}
      {analytics.data === undefined ? (
        <p className="empty">Loading the analytics…</p>
      ) : (
        <AnalyticsCharts analytics={analytics.data} hourly={days <= 2} />
      )}
    </>
  );
}
