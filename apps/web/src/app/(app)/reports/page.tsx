import type { Metadata } from "next";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";
import { quarterParam } from "./quarter-options";
import { Report606Screen } from "./report-606-screen";

export const metadata: Metadata = { title: "Best execution" };

/**
 * The Rule 606 screen (ops; admin sees all): pick a quarter, preview the 606(a)(1) report as the SEC's
 * renderer lays it out, edit each venue's material aspects, download the filing, answer customers'
 * 606(b) requests; each venue's Rule 605 figures are a click on its name.
 */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!canOpen(user.role, "/reports")) {
    return <AccessRefused title="Best execution" roles={sectionFor("/reports").roles ?? []} />;
  }
  const queryClient = getQueryClient();
  const defaults = await queryClient.fetchQuery(trpc.reports.defaultQuarter.queryOptions());
  const quarter = quarterParam((await searchParams).quarter) ?? defaults.current;
  await Promise.all([
    queryClient.prefetchQuery(trpc.reports.heldOrderReport.queryOptions({ quarter })),
    queryClient.prefetchQuery(trpc.reports.venues.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Best execution</h1>
          <p>
            The Rule 606 order routing reports from the routing logs, and each venue&apos;s Rule 605 execution
            quality. Changes to the material aspects are in the <a href="/audit">audit log</a>.
          </p>
        </div>
      </header>
      <Report606Screen
        quarter={quarter}
        current={defaults.current}
        lastComplete={defaults.lastComplete}
        earliest={defaults.earliest}
      />
    </HydrateClient>
  );
}
