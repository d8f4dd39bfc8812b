/** Name of the httpOnly cookie carrying the session token. */
export const SESSION_COOKIE = "nexus_session";

/** A session lasts one 12-hour working day; signing in again starts a new one. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/** Value of cookie `name` in a `Cookie` request header, or undefined. */
export function readCookie(headers: Pick<Headers, "get">, name: string): string | undefined {
  const header = headers.get("cookie");
  if (header === null) return undefined;
  for (const pair of header.split(";")) {
    const separator = pair.indexOf("=");
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    return value === "" ? undefined : value;
  }
  return undefined;
}

/**
 * `Set-Cookie` for the session: httpOnly (no script can read it), SameSite=Lax (not sent on
 * cross-site POSTs, which blocks CSRF on tRPC mutations), Path=/, and Secure behind https.
 * `maxAgeSeconds` 0 clears it.
 */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const attributes = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}
