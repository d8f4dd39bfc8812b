/**
 * Facts about the HTTP request that reach the context only as headers: Next.js route handlers
 * and server components see the proxy-set `x-forwarded-*` headers, not the socket.
 */

/** The client address: first hop of `x-forwarded-for`, else `x-real-ip`, else null. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  return headers.get("x-real-ip")?.trim() || null;
}

/** True when the browser reached us over https (so the session cookie must be `Secure`). */
export function isHttps(headers: Headers): boolean {
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The `Authorization: Bearer <token>` credential, or undefined. */
export function bearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1];
}
