"use client";

import type { QueryClient } from "@tanstack/react-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpBatchStreamLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@nexus/api";
import type { ReactNode } from "react";
import { useState } from "react";
import superjson from "superjson";
import { createQueryClient } from "./query-client";

export const { useTRPC, TRPCProvider } = createTRPCContext<AppRouter>();

// Same origin: the session cookie rides along; the browser never holds the token itself.
const TRPC_URL = "/api/trpc";
const sourceHeader = () => ({ "x-trpc-source": "nextjs-react" });

let browserQueryClient: QueryClient | undefined;

/** The server renders each request with a fresh client; the browser keeps one for the page's life. */
function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return createQueryClient();
  browserQueryClient ??= createQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // A streamed response sends its headers before any procedure has run, so a Set-Cookie
        // written by auth.signIn / auth.signOut would be lost: mutations take the plain batch link,
        // whose headers go out after the procedures finish; queries keep streaming.
        splitLink({
          condition: (op) => op.type === "mutation",
          true: httpBatchLink({ transformer: superjson, url: TRPC_URL, headers: sourceHeader }),
          false: httpBatchStreamLink({ transformer: superjson, url: TRPC_URL, headers: sourceHeader }),
        }),
      ],
    }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
