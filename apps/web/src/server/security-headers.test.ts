import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const directives = (csp: string) => csp.split("; ");

describe("contentSecurityPolicy", () => {
  it("lets a page run only scripts carrying its nonce (and what they load), and forbids framing", () => {
    const csp = directives(contentSecurityPolicy({ https: false, nonce: "abc123==", development: false }));
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp.find((directive) => directive.startsWith("script-src"))).not.toMatch(/'unsafe-/);
  });

  it("allows eval only under next dev, where React's development build needs it", () => {
    expect(contentSecurityPolicy({ https: false, nonce: "n", development: true })).toContain(
      "script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'",
    );
  });

  it("gives API responses a policy that allows nothing, framing included", () => {
    expect(contentSecurityPolicy({ https: false, development: false })).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it("upgrades insecure requests only over https (over plain http it would break every request)", () => {
    expect(directives(contentSecurityPolicy({ https: true, development: false }))).toContain(
      "upgrade-insecure-requests",
    );
    expect(contentSecurityPolicy({ https: false, nonce: "n", development: false })).not.toContain("upgrade");
  });
});

describe("securityHeaders", () => {
  it("adds a one-year HSTS including subdomains over https only", () => {
    expect(securityHeaders({ https: true, development: false })["Strict-Transport-Security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(securityHeaders({ https: false, development: false })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });
});

describe("newNonce", () => {
  it("is 16 random bytes in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
