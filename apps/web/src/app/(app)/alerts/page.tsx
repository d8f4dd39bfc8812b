import type { Metadata } from "next";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { AlertQueue } from "./alert-queue";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/alerts")) {
    return <AccessRefused title="Alerts" roles={sectionFor("/alerts").roles ?? []} />;
  }
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Alerts</h1>
          <p>
            Surveillance alerts to review: new ones appear as the worker raises them. Filters stay in the
            address, so a view can be bookmarked or shared. Keys: <kbd>j</kbd>/<kbd>k</kbd> move,{" "}
            <kbd>Enter</kbd> opens, <kbd>x</kbd> ticks, <kbd>a</kbd> takes it, <kbd>e</kbd> escalates,{" "}
            <kbd>d</kbd> dismisses (with a reason). Sampled closures wait for a second reviewer in{" "}
            <a href="/alerts/qa">closure QA</a>.
          </p>
        </div>
      </header>
      <AlertQueue />
    </>
  );
}
