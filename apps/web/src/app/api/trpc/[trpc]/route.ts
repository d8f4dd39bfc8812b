import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTRPCContext } from "@nexus/api";
import { apiDeps } from "../../../../server/api-deps";
import { serverLog } from "../../../../server/logger";

/**
 * The tRPC endpoint the browser calls. The context reads the session cookie (or an API key) from
 * the request headers; procedures that sign in or out write Set-Cookie (and a refused sign-in
 * Retry-After) into `resHeaders`, which the adapter merges into the response. Cross-site writes
 * never get here: the proxy refuses them (proxy.ts).
 */
function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: ({ resHeaders }) => createTRPCContext({ ...apiDeps(), headers: req.headers, resHeaders }),
    onError: ({ error, path }) => {
      // Caller mistakes (bad input, no access) are answered to the caller; only our own failures are logged.
      if (error.code === "INTERNAL_SERVER_ERROR")
        serverLog().error({ err: error, path }, "tRPC procedure failed");
    },
  });
}

export { handler as GET, handler as POST };
