import type { Metadata } from "next";
import { AlertAnalyticsPanel } from "./alert-analytics-panel";

export const metadata: Metadata = { title: "Alert analytics" };

export default function AnalyticsPage() {
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Alert analytics</h1>
          <p>
            How the models and the review keep up: alerts per model over time, how often each model&apos;s
            closed alerts were dismissed, how long closing takes, and how long open alerts have waited.
          </p>
        </div>
      </header>
      <AlertAnalyticsPanel />
    </>
  );
}
