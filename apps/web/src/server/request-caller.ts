import "server-only";
import { createCaller, createTRPCContext } from "@nexus/api";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { apiDeps } from "./api-deps";

/**
 * Runs procedures as the request's caller (session cookie or API key), for route handlers that answer
 * with a file rather than JSON: the procedure authorizes and validates as it does over /api/trpc, and
 * its refusal becomes the HTTP status and message it would have had there.
 */
export async function respondAsCaller(
  request: Request,
  respond: (caller: ReturnType<typeof createCaller>) => Promise<Response>,
): Promise<Response> {
  const context = await createTRPCContext({
    ...apiDeps(),
    headers: request.headers,
    resHeaders: new Headers(),
  });
  try {
    return await respond(createCaller(context));
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return new Response(error.message, {
      status: getHTTPStatusCodeFromError(error),
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
}
