import type { Metadata } from "next";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";
import { AuditLog } from "./audit-log";
import { AUDIT_PAGE_SIZE } from "./page-size";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/audit")) {
    return <AccessRefused title="Audit log" roles={sectionFor("/audit").roles ?? []} />;
  }
  // Awaited, so the first page is in the HTML and the client hydrates without a second fetch.
  await getQueryClient().prefetchQuery(trpc.audit.list.queryOptions({ limit: AUDIT_PAGE_SIZE }));
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Audit log</h1>
          <p>Every write a regulator may ask about, newest first. Entries cannot be changed or deleted.</p>
        </div>
      </header>
      <section className="panel" aria-label="Audit entries">
        <AuditLog />
      </section>
    </HydrateClient>
  );
}
