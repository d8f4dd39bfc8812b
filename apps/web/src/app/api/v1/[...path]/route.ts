import { createRestHandler } from "@nexus/api/openapi";
import { apiDeps } from "../../../../server/api-deps";

/**
 * REST for other services (trpc-to-openapi), authenticated by `Authorization: Bearer <api key>`
 * only: a browser's session cookie is ignored here.
 * The handler is built per request because the database pool only exists once the server runs.
 */
function handler(req: Request): Promise<Response> {
  return createRestHandler(apiDeps())(req);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
