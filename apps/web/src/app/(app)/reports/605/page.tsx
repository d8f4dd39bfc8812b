import type { Metadata } from "next";
import { AccessRefused } from "../../../../components/access-refused";
import { canOpen, sectionFor } from "../../../../lib/navigation";
import { requireUser } from "../../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../../trpc/server";
import { quarterParam } from "../quarter-options";
import { ExecutionQualityTable } from "./execution-quality-table";

export const metadata: Metadata = { title: "Execution quality (Rule 605)" };

/** One venue's (or every venue's) Rule 605-style execution quality over a quarter, from the 606 screen. */
export default async function ExecutionQualityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!canOpen(user.role, "/reports")) {
    return <AccessRefused title="Execution quality" roles={sectionFor("/reports").roles ?? []} />;
  }
  const params = await searchParams;
  const queryClient = getQueryClient();
  const quarter =
    quarterParam(params.quarter) ??
    (await queryClient.fetchQuery(trpc.reports.defaultQuarter.queryOptions())).current;
  const venueIds =
    typeof params.venue === "string" && params.venue !== ""
      ? params.venue.split(",").slice(0, 20)
      : undefined;
  await queryClient.prefetchQuery(trpc.reports.executionQuality.queryOptions({ quarter, venueIds }));
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Execution quality (Rule 605)</h1>
          <p>
            <a href={`/reports?quarter=${quarter}`}>Best execution</a> /{" "}
            {venueIds?.join(", ") ?? "every venue"}, {quarter}: market and marketable limit orders against the
            NBBO at receipt, by order size.
          </p>
        </div>
      </header>
      <ExecutionQualityTable quarter={quarter} venueIds={venueIds} />
    </HydrateClient>
  );
}
