import type { ReactNode } from "react";
import { MainNav } from "../../components/main-nav";
import { SignOutButton } from "../../components/sign-out-button";
import { StatusBar } from "../../components/status-bar";
import { navigationFor } from "../../lib/navigation";
import { requireUser } from "../../server/session";

/** The signed-in shell: navigation for the person's role, who they are, sign-out, and the status bar. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">NexusTrade</div>
        <MainNav items={navigationFor(user.role)} />
        <div className="user">
          <div className="user-name">{user.name}</div>
          <div className="user-role">{user.role}</div>
          <SignOutButton />
        </div>
      </aside>
      <main className="main">
        <StatusBar />
        {children}
      </main>
    </div>
  );
}
