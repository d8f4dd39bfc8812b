"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTRPC } from "../../trpc/react";

export function SignInForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: () => {
        router.replace(next);
        router.refresh();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
  }

  // A success keeps the button disabled until the next page has replaced this one.
  const busy = signIn.isPending || signIn.isSuccess;
  return (
    <form onSubmit={onSubmit} aria-describedby={signIn.error ? "sign-in-error" : undefined}>
      {signIn.error && (
        <p id="sign-in-error" role="alert" className="error">
          {signIn.error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
