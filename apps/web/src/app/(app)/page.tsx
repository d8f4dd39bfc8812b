import type { Metadata } from "next";
import { OverviewDashboard } from "../../components/overview/overview-dashboard";
import { OVERVIEW_INPUT } from "../../components/overview/summary-input";
import { HydrateClient, getQueryClient, trpc } from "../../trpc/server";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  // Awaited so the first numbers are in the HTML; the client then refreshes on its own.
  await getQueryClient().prefetchQuery(trpc.overview.summary.queryOptions(OVERVIEW_INPUT));
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Overview</h1>
          <p>What the worker has ingested from the order, trade and quote streams.</p>
        </div>
      </header>
      <OverviewDashboard />
    </HydrateClient>
  );
}
