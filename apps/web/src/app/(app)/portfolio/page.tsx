import type { Metadata } from "next";
import { z } from "zod";
import { AccessRefused } from "../../../components/access-refused";
import { PortfolioScreen } from "../../../components/portfolio/portfolio-screen";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";

export const metadata: Metadata = { title: "Portfolio" };

/**
 * A trader's positions, P&L and risk. Traders see their own book; compliance and admin open anyone's
 * with `?user=<id>` (the procedures enforce the same rule, so a trader's `?user=` is refused there too).
 */
export default async function PortfolioPage({ searchParams }: { searchParams: Promise<{ user?: string }> }) {
  const user = await requireUser();
  if (!canOpen(user.role, "/portfolio")) {
    return <AccessRefused title="Portfolio" roles={sectionFor("/portfolio").roles ?? []} />;
  }
  const asked = z.uuid().safeParse((await searchParams).user);
  const userId = asked.success ? asked.data : user.id;
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.portfolio.summary.queryOptions({ userId })),
    queryClient.prefetchQuery(trpc.portfolio.positions.queryOptions({ userId })),
  ]);
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Portfolio{userId === user.id ? "" : ` of ${userId}`}</h1>
          <p>
            Positions from executed trades (average cost), P&amp;L and risk: VaR and expected shortfall by
            four methods, component VaR, correlations and historical stress episodes.
          </p>
        </div>
        {user.role === "trader" ? null : (
          <form className="inline-form" method="get">
            <label className="field">
              <span>Trader id</span>
              <input name="user" defaultValue={userId} size={38} pattern="[0-9a-fA-F-]{36}" />
            </label>
            <button type="submit" className="button">
              Open
            </button>
          </form>
        )}
      </header>
      <PortfolioScreen userId={userId} />
    </HydrateClient>
  );
}
