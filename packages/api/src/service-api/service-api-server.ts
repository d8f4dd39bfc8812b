/**
 * The service API: the tRPC router on a port of its own (SERVICE_API_PORT, started by the worker), for other
 * services (the Orders service) calling with an API key. Next.js sits in front of the web app's /api/trpc
 * and, with the Fetch API adapter, cost twice what routing an order does (issue 12: 2,000 routed orders a
 * second); here node:http serves the router directly (trpc-node-handler.ts). Same procedures, scopes, input
 * validation, superjson wire format, error shapes and status codes as /api/trpc, at the same path, so a
 * tRPC client only changes its base URL.
 *
 * API keys only: a session cookie is never read here. The web app's proxy refuses cross-site writes before
 * they reach its /api/trpc; this server has no such guard, so a browser's cookie must not be an identity.
 */
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@nexus/platform/logger";

import type { RequestHeaders } from "../request-meta";
import { appRouter } from "../root";
import { createTRPCContext } from "../trpc";
import type { ContextDeps } from "../trpc";
import { createTrpcNodeHandler } from "./trpc-node-handler";

/** Where the router is mounted: as on the web app, so a client's links keep their path. */
export const SERVICE_API_BASE_PATH = "/api/trpc";

/** No call of the router takes more; a larger body is refused (413) before it fills memory. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServiceApiServerOptions {
  /** 0 binds any free port (tests, benchmarks). */
  port: number;
  host?: string;
  deps: ContextDeps;
  logger: Logger;
}

export interface ServiceApiServer {
  /** The bound port. */
  port: number;
  /** Stops accepting, ends idle keep-alive connections and waits for the requests in hand. */
  close(): Promise<void>;
}

/**
 * The request's headers as the context reads them, without copying them into a Fetch API `Headers`: Node has
 * already joined a repeated header's values (with ", ", cookies with "; ") as `Headers.get` would.
 */
function headerView(incoming: IncomingHttpHeaders): RequestHeaders {
  return {
    get(name) {
      const value = incoming[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

export async function startServiceApiServer(options: ServiceApiServerOptions): Promise<ServiceApiServer> {
  const { deps, logger } = options;
  const handler = createTrpcNodeHandler({
    router: appRouter,
    basePath: `${SERVICE_API_BASE_PATH}/`,
    maxBodySize: MAX_BODY_BYTES,
    createContext: (req) =>
      createTRPCContext({
        ...deps,
        headers: headerView(req.headers),
        resHeaders: new Headers(),
        credentials: "api-key",
      }),
    onError: ({ error, path }) => {
      // Caller mistakes (bad input, no access) are answered to the caller; only our own failures are logged.
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "tRPC procedure failed");
    },
  });
  const server = createServer((req, res) => {
    if (req.url?.startsWith(`${SERVICE_API_BASE_PATH}/`)) return handler(req, res);
    res.statusCode = 404;
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({ error: `Not found: the service API serves ${SERVICE_API_BASE_PATH}/<procedure>.` }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
