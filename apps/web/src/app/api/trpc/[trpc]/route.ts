import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTRPCContext } from "@nexus/api";
import { getDb } from "../../../../server/db";
import { serverLog } from "../../../../server/logger";

/**
 * The tRPC endpoint the browser calls. The context reads the session cookie (or an API key) from
 * the request headers; procedures that sign in or out write Set-Cookie into `resHeaders`, which the
 * adapter merges into the response.
 */
function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: ({ resHeaders }) => createTRPCContext({ db: getDb(), headers: req.headers, resHeaders }),
    onError: ({ error, path }) => {
      // Caller mistakes (bad input, no access) are answered to the caller; only our own failures are logged.
      if (error.code === "INTERNAL_SERVER_ERROR")
        serverLog().error({ err: error, path }, "tRPC procedure failed");
    },
  });
}

export { handler as GET, handler as POST };
