import type { Metadata } from "next";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";
import {
  BREAKER_INPUT,
  DECISIONS_INPUT,
  DISTRIBUTION_INPUT,
  PERFORMANCE_INPUT,
  STATS_INPUT,
} from "./dashboard-inputs";
import { RoutingDashboard } from "./routing-dashboard";
import { VenueOperations } from "./venue-operations";
import { VenueEditor } from "./venue-editor";

export const metadata: Metadata = { title: "Routing" };

/** The routing operations screens (ops; admin sees all): venue quality, the decision log, venue configuration. */
export default async function RoutingPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/routing")) {
    return <AccessRefused title="Routing" roles={sectionFor("/routing").roles ?? []} />;
  }
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.routing.stats.queryOptions(STATS_INPUT)),
    queryClient.prefetchQuery(trpc.routing.decisions.queryOptions(DECISIONS_INPUT)),
    queryClient.prefetchQuery(trpc.routing.venues.queryOptions()),
    queryClient.prefetchQuery(trpc.routing.breakerHistory.queryOptions(BREAKER_INPUT)),
    queryClient.prefetchQuery(trpc.routing.distribution.queryOptions(DISTRIBUTION_INPUT)),
    queryClient.prefetchQuery(trpc.routing.performance.queryOptions(PERFORMANCE_INPUT)),
    queryClient.prefetchQuery(trpc.routing.liquidityCurves.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Routing</h1>
          <p>
            Where orders went and how each venue executed them (Rule 605-style), from the decision log. Venue
            changes apply to the router at once and are in the <a href="/audit">audit log</a>.
          </p>
        </div>
      </header>
      <RoutingDashboard />
      <VenueOperations />
      <VenueEditor />
    </HydrateClient>
  );
}
