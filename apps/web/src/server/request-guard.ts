import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { SESSION_COOKIE, crossSiteRefusal, isHttps } from "@nexus/api/auth";
import { REQUEST_PATH_HEADER } from "../lib/request-path";
import { signInUrl } from "../lib/safe-next-path";
import { newNonce, securityHeaders } from "./security-headers";
import type { SecurityHeaders } from "./security-headers";

export type GuardSettings = {
  /** Reverse proxies whose X-Forwarded-* headers are believed (env TRUSTED_PROXY_COUNT). */
  trustedProxyCount: number;
  development: boolean;
};

function withHeaders(response: NextResponse, headers: SecurityHeaders): NextResponse {
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) response.headers.set(name, value);
  return response;
}

/**
 * What the proxy does with every page and API request, before any of them runs:
 * - refuses a cross-site write with 403 (auth/cross-site.ts), whatever the path;
 * - lets API requests through (each authenticates itself);
 * - sends anonymous visitors of app pages to /sign-in?next=<where they were going>. Only the
 *   cookie's presence is checked, so the proxy stays free of database round trips; whether the
 *   session is valid is decided by the (app) layout with resolveSessionUser;
 * - hands pages a fresh CSP nonce and the requested path (for that `next`) in request headers.
 * Every response it lets through or makes carries the request-dependent security headers.
 */
export function guardRequest(request: NextRequest, settings: GuardSettings): NextResponse {
  const https = isHttps(request.headers, settings.trustedProxyCount);
  const noDocument = securityHeaders({ https, development: settings.development });
  const refusal = crossSiteRefusal(request, settings.trustedProxyCount);
  if (refusal !== null) {
    return withHeaders(
      NextResponse.json({ code: "FORBIDDEN", message: refusal }, { status: 403 }),
      noDocument,
    );
  }

  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) return withHeaders(NextResponse.next(), noDocument);
  if (pathname !== "/sign-in" && !request.cookies.has(SESSION_COOKIE)) {
    return withHeaders(NextResponse.redirect(new URL(signInUrl(pathname + search), request.url)), noDocument);
  }

  const page = securityHeaders({ https, development: settings.development, nonce: newNonce() });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  // Next.js takes the nonce for its own scripts from the request's CSP header.
  headers.set("Content-Security-Policy", page["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers } }), page);
}
