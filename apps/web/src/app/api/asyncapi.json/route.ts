import { buildAsyncApiDocument } from "@nexus/core/events/asyncapi";

/**
 * The Kafka event contract as AsyncAPI 3.0.0, next to /api/openapi.json. Public like it (other teams read
 * it before they have a key), and the same for every caller and request: it depends on the code only,
 * so it is built once per process and caches for an hour.
 */
const body = JSON.stringify(buildAsyncApiDocument());

export function GET(): Response {
  return new Response(body, {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=3600" },
  });
}
