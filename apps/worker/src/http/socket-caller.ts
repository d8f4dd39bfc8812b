/**
 * The caller of a WebSocket upgrade (portfolio-socket.ts), from the same credentials the web app takes:
 * `Authorization: Bearer <api key>` first (a service), else the session cookie (a person). Verified with
 * @nexus/api's own functions, so a revoked key, an expired session or a disabled user is refused here
 * exactly as it is by the API.
 */
import type { IncomingMessage } from "node:http";
import { SESSION_COOKIE, bearerToken, readCookie, resolveApiKey, resolveSessionUser } from "@nexus/api/auth";
import type { Database } from "@nexus/db/client";
import type { SocketCaller } from "./portfolio-socket.js";

/** Node's request headers as a Fetch `Headers` (what @nexus/api's readers take). */
function fetchHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  // Node gives repeated headers as an array only for set-cookie, which a request does not carry.
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers.set(name, String(value));
  return headers;
}

/**
 * A browser page of another site opening the socket with the user's cookie (cross-site WebSocket
 * hijacking: browsers send cookies on a WebSocket handshake but no CORS check guards it). A browser always
 * sends Origin; the web app's pages are served from the same host as this server, on another port, so a
 * host that differs (another site, a sibling subdomain) is refused. A client without Origin is no browser.
 */
export function isCrossSiteOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = (headers.get("host") ?? "").replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
  try {
    return new URL(origin).hostname.replace(/^\[(.*)\]$/, "$1") !== host;
  } catch {
    return true;
  }
}

export function socketAuthenticator(
  db: Database,
  clock: () => Date,
): (request: IncomingMessage) => Promise<SocketCaller | null> {
  return async (request) => {
    const headers = fetchHeaders(request);
    const key = bearerToken(headers);
    if (key !== undefined) {
      const service = await resolveApiKey(db, key, clock());
      return service === null ? null : { kind: "service", scopes: service.scopes };
    }
    if (isCrossSiteOrigin(headers)) return null;
    const user = await resolveSessionUser(db, readCookie(headers, SESSION_COOKIE), clock());
    return user === null ? null : { kind: "user", id: user.id, role: user.role };
  };
}
