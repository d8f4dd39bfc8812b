/**
 * `@nexus/api/openapi`: the REST face of the procedures other services call (those with
 * `meta.openapi`). REST callers authenticate with `Authorization: Bearer <api key>`; the web app
 * mounts `createRestHandler` at /api/v1/[...path] and serves `buildOpenApiDocument` next to it.
 */
import { createOpenApiFetchHandler, generateOpenApiDocument } from "trpc-to-openapi";
import type { OpenAPIObject } from "trpc-to-openapi";

import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";
import type { ContextDeps } from "./trpc";

/** Where the web app mounts the REST handler. */
export const REST_ENDPOINT = "/api/v1";

/** OpenAPI 3.1 description of the REST-exposed procedures; `baseUrl` is e.g. `https://host/api/v1`. */
export function buildOpenApiDocument(baseUrl: string): OpenAPIObject {
  return generateOpenApiDocument(appRouter, {
    title: "NexusTrade API",
    description:
      "REST access for other services. Authenticate with `Authorization: Bearer nxk_...` (an API key from an admin). " +
      "A user's portfolio metrics are also pushed live over the worker's WebSocket `GET /ws/portfolio?user={userId}` " +
      "(the same keys, scope `portfolio:read`), described with the Kafka topics in the AsyncAPI document " +
      "`/api/asyncapi.json` (channel `portfolioSocket`).",
    version: "1.0.0",
    baseUrl,
    tags: ["auth", "overview", "routing", "portfolio", "surveillance", "reports"],
  });
}

/**
 * A fetch handler (`Request -> Response`) serving the REST paths under `endpoint`. Input errors
 * are HTTP 400 with `issues[].path` and `data.zodError` naming each field; a missing or revoked
 * key is 401, and so is a session cookie without a key: only API keys authenticate here.
 */
export function createRestHandler(
  deps: ContextDeps & { endpoint?: `/${string}` },
): (req: Request) => Promise<Response> {
  const { endpoint = REST_ENDPOINT, ...contextDeps } = deps;
  return (req) =>
    createOpenApiFetchHandler({
      req,
      endpoint,
      router: appRouter,
      createContext: () =>
        createTRPCContext({
          ...contextDeps,
          headers: req.headers,
          resHeaders: new Headers(),
          credentials: "api-key",
        }),
    });
}
