import { QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import superjson from "superjson";
// Registers the raw JSON type the portfolio's risk figures travel as (on this superjson instance).
import "@nexus/api/raw-json";

/**
 * One QueryClient setup for the server (prefetch in server components) and the browser. Data crosses
 * the RSC boundary through superjson, the transformer the API's tRPC instance uses, so Dates and
 * bigints arrive as they left. Pending queries are dehydrated too, so a prefetch started on the
 * server streams into the client's cache instead of being fetched twice.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 2_000 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
        shouldRedactErrors: () => false,
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
