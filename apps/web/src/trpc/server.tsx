import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { appRouter, createTRPCContext } from "@nexus/api";
import type { AppRouter } from "@nexus/api";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { cache } from "react";
import { apiDeps } from "../server/api-deps";
import { createQueryClient } from "./query-client";

/**
 * Server components call procedures in process, with the same context (and so the same role
 * checks) as an HTTP call. Server components cannot set response headers, so `resHeaders` is a
 * throwaway: procedures that set cookies (sign-in, sign-out) are called from the browser.
 */
const createContext = cache(async () => {
  const requestHeaders = new Headers(await headers());
  requestHeaders.set("x-trpc-source", "rsc");
  return createTRPCContext({ ...apiDeps(), headers: requestHeaders, resHeaders: new Headers() });
});

/** One QueryClient per request, shared by every server component that prefetches. */
export const getQueryClient = cache(createQueryClient);

export const trpc = createTRPCOptionsProxy<AppRouter>({
  router: appRouter,
  ctx: createContext,
  queryClient: getQueryClient,
});

/** Hands what this request prefetched to the client components below, so they render without a refetch. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
