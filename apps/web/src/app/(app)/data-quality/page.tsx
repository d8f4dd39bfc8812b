import type { Metadata } from "next";
import { AccessRefused } from "../../../components/access-refused";
import { SuspectMoves } from "../../../components/data-quality/suspect-moves";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";

export const metadata: Metadata = { title: "Data quality" };

/**
 * One-day moves beyond ±40 % found when daily bars were imported (a spin-off, a split the prices do not
 * reflect, a vendor glitch): left out of every risk figure until a reviewer confirms the move is real.
 */
export default async function DataQualityPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/data-quality")) {
    return <AccessRefused title="Data quality" roles={sectionFor("/data-quality").roles ?? []} />;
  }
  await getQueryClient().prefetchQuery(trpc.portfolio.suspectMoves.queryOptions({ status: "suspected" }));
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Data quality</h1>
          <p>
            Flagged one-day moves beyond ±40 % in the daily bars. A suspected move is excluded from VaR,
            correlations, performance and stress replays; confirming it (with the reason, audited) lets it
            count from the next computation.
          </p>
        </div>
      </header>
      <SuspectMoves />
    </HydrateClient>
  );
}
