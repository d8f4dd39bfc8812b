import type { Metadata } from "next";
import { AccessRefused } from "../../../../../components/access-refused";
import { canOpen, sectionFor } from "../../../../../lib/navigation";
import { requireUser } from "../../../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../../../trpc/server";
import { DecisionDetail } from "./decision-detail";

export const metadata: Metadata = { title: "Routing decision" };

export default async function RoutingDecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!canOpen(user.role, "/routing")) {
    return <AccessRefused title="Routing decision" roles={sectionFor("/routing").roles ?? []} />;
  }
  const { id } = await params;
  // A malformed id or an unknown decision is shown by the client component (the query's error).
  await getQueryClient()
    .prefetchQuery(trpc.routing.decision.queryOptions({ id }))
    .catch(() => undefined);
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Routing decision</h1>
          <p>
            <a href="/routing">Routing</a> / the market the router saw, every venue it weighed, and what
            happened to the child orders.
          </p>
        </div>
      </header>
      <DecisionDetail id={id} />
    </HydrateClient>
  );
}
