import type { Metadata } from "next";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, roleSchema } from "@nexus/services/users";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { HydrateClient, getQueryClient, trpc } from "../../../trpc/server";
import { UsersPanel } from "./users-panel";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser();
  if (!canOpen(user.role, "/users")) {
    return <AccessRefused title="Users" roles={sectionFor("/users").roles ?? []} />;
  }
  await getQueryClient().prefetchQuery(trpc.users.list.queryOptions());
  return (
    <HydrateClient>
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p>
            The people who sign in and their roles. Every change here is in the <a href="/audit">audit log</a>
            . From a shell on the host: <code>nexus users --help</code>.
          </p>
        </div>
      </header>
      <UsersPanel
        currentUserId={user.id}
        roles={roleSchema.options}
        passwordLength={{ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }}
      />
    </HydrateClient>
  );
}
