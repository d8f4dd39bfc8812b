import { createRestHandler } from "@nexus/api/openapi";
import { getDb } from "../../../../server/db";

/**
 * REST for other services (trpc-to-openapi), authenticated by `Authorization: Bearer <api key>`.
 * The handler is built per request because the database pool only exists once the server runs.
 */
function handler(req: Request): Promise<Response> {
  return createRestHandler({ db: getDb() })(req);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
