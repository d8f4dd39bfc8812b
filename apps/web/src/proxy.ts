import type { NextRequest, NextResponse } from "next/server";
import { webEnv } from "./env";
import { guardRequest } from "./server/request-guard";

/** Next.js 16 proxy (formerly middleware): see guardRequest for what it does with each request. */
export function proxy(request: NextRequest): NextResponse {
  const env = webEnv();
  return guardRequest(request, {
    trustedProxyCount: env.TRUSTED_PROXY_COUNT,
    development: env.NODE_ENV === "development",
  });
}

export const config = {
  // Pages and the API; not static assets, whose fixed headers come from next.config.ts.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|jpg|webp|css|js)$).*)"],
};
