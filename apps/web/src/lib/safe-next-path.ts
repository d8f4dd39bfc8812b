/** Where to land when `next` is missing or unusable. */
export const DEFAULT_LANDING = "/";

/**
 * The `next` parameter of /sign-in, accepted only as a same-origin path. Anything else (absolute
 * URLs, protocol-relative `//host`, backslash tricks browsers normalise to `//`, the sign-in page
 * itself) falls back to the overview, so the sign-in form cannot be turned into an open redirect
 * (OWASP Unvalidated Redirects and Forwards Cheat Sheet).
 */
export function safeNextPath(next: string | null | undefined): string {
  if (next === null || next === undefined) return DEFAULT_LANDING;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return DEFAULT_LANDING;
  // Control characters (tab, newline) are stripped by URL parsers and can hide a `//` prefix.
  if (/[\u0000-\u001f\u007f]/.test(next)) return DEFAULT_LANDING;
  if (next === "/sign-in" || next.startsWith("/sign-in?") || next.startsWith("/sign-in/"))
    return DEFAULT_LANDING;
  return next;
}

/** The sign-in URL that brings the person back to `pathWithSearch` afterwards. */
export function signInUrl(pathWithSearch: string): string {
  const next = safeNextPath(pathWithSearch);
  return next === DEFAULT_LANDING ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
