/**
 * The response headers that depend on the request, set by the proxy on pages and API responses
 * alike. The ones that never vary (`X-Content-Type-Options`, `Referrer-Policy`) are in next.config.ts,
 * which also reaches the static files the proxy skips.
 *
 * Pages get a strict CSP with a fresh nonce per request (Next.js reads it from the request's
 * `Content-Security-Policy` header and puts it on its own scripts; every page here is rendered per
 * request anyway, behind the session check). 'strict-dynamic' then lets those scripts load the
 * chunks they need and nothing else runs: an injected `<script>` or `onclick=` has no nonce. That
 * is what stops XSS, where `'unsafe-inline'` for scripts would let it through. Styles keep
 * 'unsafe-inline': React renders `style={...}` as attributes, which a nonce cannot cover, and a
 * style cannot run code. `frame-ancestors 'none'` forbids framing (clickjacking). API responses are
 * data, never documents to render, so their CSP allows nothing at all.
 */

/** One year, subdomains included (OWASP HTTP Strict Transport Security Cheat Sheet). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

export type SecurityHeaderOptions = {
  /** The request came over https (through a trusted proxy): send HSTS and upgrade insecure requests. */
  https: boolean;
  /** The page's script nonce; absent for API responses, which run no script. */
  nonce?: string;
  /** `next dev`: React's development build evaluates code to rebuild server error stacks. */
  development: boolean;
};

export function contentSecurityPolicy({ https, nonce, development }: SecurityHeaderOptions): string {
  const directives =
    nonce === undefined
      ? ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]
      : [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "font-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
        ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export type SecurityHeaders = { "Content-Security-Policy": string; "Strict-Transport-Security"?: string };

/** `Content-Security-Policy`, plus `Strict-Transport-Security` only over https (browsers ignore it over http). */
export function securityHeaders(options: SecurityHeaderOptions): SecurityHeaders {
  const csp = contentSecurityPolicy(options);
  return options.https
    ? { "Content-Security-Policy": csp, "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY }
    : { "Content-Security-Policy": csp };
}

/** A fresh CSP nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
