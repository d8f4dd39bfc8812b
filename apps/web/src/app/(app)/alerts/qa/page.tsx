import type { Metadata } from "next";
import { AccessRefused } from "../../../../components/access-refused";
import { canOpen, sectionFor } from "../../../../lib/navigation";
import { requireUser } from "../../../../server/session";
import { QaQueue } from "./qa-queue";

export const metadata: Metadata = { title: "Closure QA" };

export default async function QaPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/alerts")) {
    return <AccessRefused title="Closure QA" roles={sectionFor("/alerts").roles ?? []} />;
  }
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Closure QA</h1>
          <p>
            <a href="/alerts">Alerts</a> / four eyes: a sample of closed alerts waits here for a second
            reviewer, never the officer who closed it, to pass the closure or return the alert for review.
          </p>
        </div>
      </header>
      <QaQueue />
    </>
  );
}
