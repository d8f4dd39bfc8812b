import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { SESSION_COOKIE } from "@nexus/api/auth";
import { signInUrl } from "./lib/safe-next-path";
import { REQUEST_PATH_HEADER } from "./lib/request-path";

/**
 * Sends anonymous visitors of app pages to /sign-in?next=<where they were going>.
 *
 * It only checks that a session cookie is present: the proxy runs before every page request, so it
 * stays free of database round trips. Whether the session is valid and unexpired is decided by the
 * (app) layout with resolveSessionUser; the API checks its own credentials.
 * The requested path travels on to that layout in a request header so it can build the same `next`.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/sign-in") return NextResponse.next();

  if (!request.cookies.has(SESSION_COOKIE)) {
    return NextResponse.redirect(new URL(signInUrl(pathname + search), request.url));
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything except the API (it authenticates each call itself) and static assets.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|jpg|webp|css|js)$).*)",
  ],
};
