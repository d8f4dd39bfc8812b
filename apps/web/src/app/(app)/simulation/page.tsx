import type { Metadata } from "next";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";
import { SimulationControls } from "./simulation-controls";

export const metadata: Metadata = { title: "Simulation" };

/** The admin's controls of the simulated session: pause, resume and speed (audited). */
export default async function SimulationPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/simulation")) {
    return <AccessRefused title="Simulation" roles={sectionFor("/simulation").roles ?? []} />;
  }
  await getQueryClient().prefetchQuery(trpc.simulation.status.queryOptions());
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Simulated session</h1>
          <p>
            The market simulator replays a real trading day of the shipped data (
            <code>npm start -- --day 2016-06-24 --speed 10x</code>). Pause it, resume it or change its speed
            here; the worker running it applies the change at once. Every change is in the{" "}
            <a href="/audit">audit log</a>.
          </p>
        </div>
      </header>
      <SimulationControls />
    </HydrateClient>
  );
}
