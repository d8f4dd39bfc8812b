import type { Metadata } from "next";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";
import { ApiKeysPanel } from "./api-keys-panel";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/api-keys")) {
    return <AccessRefused title="API keys" roles={sectionFor("/api-keys").roles ?? []} />;
  }
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.apiKeys.list.queryOptions()),
    getQueryClient().prefetchQuery(trpc.apiKeys.scopes.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>API keys</h1>
          <p>
            Keys other services present as <code>Authorization: Bearer nxk_…</code> to call the REST API (
            <a href="/api/openapi.json">OpenAPI description</a>).
          </p>
        </div>
      </header>
      <ApiKeysPanel />
    </HydrateClient>
  );
}
