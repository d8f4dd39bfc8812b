import type { Metadata } from "next";
import { AccessRefused } from "../../../../components/access-refused";
import { canOpen, sectionFor } from "../../../../lib/navigation";
import { requireUser } from "../../../../server/session";
import { AlertDetail } from "./alert-detail";

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!canOpen(user.role, "/alerts")) {
    return <AccessRefused title="Alert" roles={sectionFor("/alerts").roles ?? []} />;
  }
  const { id } = await params;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Alert</h1>
          <p>
            <a href="/alerts">Alerts</a> / what the detector saw, against its thresholds; the orders as they
            happened; and the review so far.
          </p>
        </div>
      </header>
      <AlertDetail id={id} />
    </>
  );
}
