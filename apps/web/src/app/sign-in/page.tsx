import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "../../lib/safe-next-path";
import { currentUser } from "../../server/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next: nextParam } = await searchParams;
  const next = safeNextPath(typeof nextParam === "string" ? nextParam : undefined);
  // Someone already signed in has nothing to do here.
  if ((await currentUser()) !== null) redirect(next);

  return (
    <main className="sign-in">
      <div className="panel">
        <h1>NexusTrade</h1>
        <p className="subtitle">Sign in to surveillance, risk and routing.</p>
        <SignInForm next={next} />
      </div>
    </main>
  );
}
