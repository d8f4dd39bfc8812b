/**
 * Request header in which the proxy hands the requested path (with query) to server components,
 * which otherwise cannot see the URL, so an expired session can be sent to /sign-in?next=<that path>.
 */
export const REQUEST_PATH_HEADER = "x-nexus-request-path";
