/**
 * Facts about the HTTP request that reach us only as headers: Next.js route handlers, the proxy
 * and server components never see the socket.
 *
 * `next start` itself sets `X-Forwarded-For` to the socket's address only when the request carries
 * none (`??=` in Next's base server), so a client that sends its own replaces the address outright,
 * and `X-Forwarded-Proto`/`-Host` likewise. A forwarded value is therefore believed only as far as
 * `trustedProxyCount` (env TRUSTED_PROXY_COUNT) reverse proxies of ours vouch for it: each appends
 * the address it received the request from, so the client is the N-th entry from the right.
 */
import { isIP } from "node:net";

/** What is read of a request's headers: a Fetch API `Headers`, or a view of Node's (service-api-server.ts). */
export type RequestHeaders = Pick<Headers, "get">;

/** Entries of a comma-separated forwarding header (all its lines joined), nearest to us last. */
function forwardedValues(headers: RequestHeaders, name: string): string[] {
  return (headers.get(name) ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

/**
 * The value our `trustedProxyCount` proxies vouch for: the entry the outermost one wrote, N from the
 * right. With fewer entries than proxies (one of them overwrote rather than appended) the farthest
 * entry, as Express's `trust proxy` does. Undefined with no trusted proxy or no value.
 */
function trustedForwardedValue(
  headers: RequestHeaders,
  name: string,
  trustedProxyCount: number,
): string | undefined {
  if (trustedProxyCount < 1) return undefined;
  const values = forwardedValues(headers, name);
  return values[Math.max(0, values.length - trustedProxyCount)];
}

/**
 * The client's address, or null when it cannot be known: without a trusted proxy (whatever
 * `X-Forwarded-For` says may be the client's own invention) or when the trusted entry is not an
 * IP address. Null is the documented "unknown address": it is stored as no address in sessions and
 * the audit log, and sign-in throttling then limits per account only (sharing one bucket among
 * every unknown caller would let anyone lock everyone out).
 */
export function clientIp(headers: RequestHeaders, trustedProxyCount: number): string | null {
  const address = trustedForwardedValue(headers, "x-forwarded-for", trustedProxyCount);
  return address !== undefined && isIP(address) !== 0 ? address : null;
}

/**
 * True when the browser reached us over https, which only a trusted proxy can tell: `next start`
 * serves plain http, so https is always terminated in front of it. Decides the session cookie's
 * `Secure` flag and whether HSTS is sent.
 */
export function isHttps(headers: RequestHeaders, trustedProxyCount: number): boolean {
  return trustedForwardedValue(headers, "x-forwarded-proto", trustedProxyCount)?.toLowerCase() === "https";
}

/**
 * The host the browser addressed (`host[:port]`, lower case): `X-Forwarded-Host` through trusted
 * proxies (a proxy may rewrite `Host` to the app's internal name), else `Host`. Null without either.
 */
export function requestHost(headers: RequestHeaders, trustedProxyCount: number): string | null {
  const host = trustedForwardedValue(headers, "x-forwarded-host", trustedProxyCount) ?? headers.get("host");
  return host ? host.trim().toLowerCase() : null;
}

/** The `Authorization: Bearer <token>` credential, or undefined. */
export function bearerToken(headers: RequestHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1];
}
