"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/react";

export function SignOutButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        // Nothing fetched for this person may be shown to whoever signs in next on this browser.
        queryClient.clear();
        router.replace("/sign-in");
        router.refresh();
      },
    }),
  );
  return (
    <>
      <button
        type="button"
        className="button secondary"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        {signOut.isPending ? "Signing out…" : "Sign out"}
      </button>
      {signOut.error && (
        <p role="alert" className="error">
          Sign-out failed: {signOut.error.message}
        </p>
      )}
    </>
  );
}
