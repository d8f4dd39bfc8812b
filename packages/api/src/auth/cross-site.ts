/**
 * Cross-site request forgery defence (OWASP CSRF Prevention Cheat Sheet, "Verifying Origin With
 * Standard Headers" and "Fetch Metadata"). The session cookie is SameSite=Lax, which still lets a
 * same-site page (another app on a sibling subdomain) and old browsers send it with a POST; and
 * signing in needs no cookie at all, so a forged sign-in (logging the victim into the attacker's
 * account) is stopped only here. Browsers always send `Origin` on a non-GET request and cannot be
 * made to forge it, so a write whose Origin is not our own host is refused.
 */
import { bearerToken, requestHost } from "../request-meta";
import { SESSION_COOKIE, readCookie } from "./cookies";

/** Methods that change nothing (RFC 9110 §9.2.1); tRPC queries are GET, mutations POST. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request must be refused as cross-site (403), or null to let it through. Every non-GET
 * request must come from a page of our own host: its `Origin` names that host, or without an
 * `Origin` its `Sec-Fetch-Site` is `same-origin`. Exempt are calls that authenticate with an API key
 * and carry no session cookie: a browser never attaches an `Authorization` header to a cross-site
 * request without a CORS preflight, which this app never grants.
 */
export function crossSiteRefusal(
  request: { method: string; headers: Headers },
  trustedProxyCount: number,
): string | null {
  const { headers } = request;
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (bearerToken(headers) !== undefined && readCookie(headers, SESSION_COOKIE) === undefined) return null;

  const origin = headers.get("origin");
  if (origin === null) {
    return headers.get("sec-fetch-site") === "same-origin"
      ? null
      : "Cross-site request refused: it carries neither an Origin header nor Sec-Fetch-Site: same-origin.";
  }
  const host = requestHost(headers, trustedProxyCount);
  return host !== null && originHost(origin) === host
    ? null
    : `Cross-site request refused: Origin ${origin} is not this site.`;
}

/** `host[:port]` of an Origin header value; null for `null` (sandboxed or privacy-redirected) and junk. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
