import { REST_ENDPOINT, buildOpenApiDocument } from "@nexus/api/openapi";

/** The OpenAPI description of /api/v1, with server URLs on the host the caller reached us by. */
export function GET(req: Request): Response {
  const origin = new URL(req.url).origin;
  return Response.json(buildOpenApiDocument(`${origin}${REST_ENDPOINT}`));
}
