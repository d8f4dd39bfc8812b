import { describe, expect, it } from "vitest";

import { crossSiteRefusal } from "./cross-site";

const post = (headers: Record<string, string>) => ({ method: "POST", headers: new Headers(headers) });
const host = { host: "nexus.example.com" };
const session = { cookie: "nexus_session=abc" };

describe("crossSiteRefusal", () => {
  it("lets a write from a page of our own host through, by Origin or by Sec-Fetch-Site", () => {
    expect(crossSiteRefusal(post({ ...host, origin: "https://nexus.example.com" }), 0)).toBeNull();
    expect(crossSiteRefusal(post({ ...host, ...session, "sec-fetch-site": "same-origin" }), 0)).toBeNull();
  });

  it("refuses a write from another site, even a sibling subdomain, and one that says nothing of where it comes from", () => {
    expect(crossSiteRefusal(post({ ...host, ...session, origin: "https://evil.example" }), 0)).toBe(
      "Cross-site request refused: Origin https://evil.example is not this site.",
    );
    expect(crossSiteRefusal(post({ ...host, origin: "https://other.example.com" }), 0)).not.toBeNull();
    expect(crossSiteRefusal(post({ ...host, ...session, "sec-fetch-site": "same-site" }), 0)).toMatch(
      /neither an Origin header nor Sec-Fetch-Site: same-origin/,
    );
    expect(crossSiteRefusal(post({ ...host, ...session }), 0)).not.toBeNull();
  });

  it("refuses an opaque `null` Origin and one on another port of our host", () => {
    expect(crossSiteRefusal(post({ ...host, origin: "null" }), 0)).not.toBeNull();
    expect(crossSiteRefusal(post({ ...host, origin: "https://nexus.example.com:8443" }), 0)).not.toBeNull();
  });

  it("compares with the host the browser addressed, which only a trusted proxy may restate", () => {
    const proxied = { host: "web:3000", "x-forwarded-host": "nexus.example.com" };
    expect(crossSiteRefusal(post({ ...proxied, origin: "https://nexus.example.com" }), 1)).toBeNull();
    expect(crossSiteRefusal(post({ ...proxied, origin: "https://nexus.example.com" }), 0)).not.toBeNull();
  });

  it("lets reads through from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      const request = {
        method,
        headers: new Headers({ ...host, ...session, origin: "https://evil.example" }),
      };
      expect(crossSiteRefusal(request, 0)).toBeNull();
    }
  });

  it("exempts an API-key call without a session cookie, but not one that also carries the cookie", () => {
    const apiKey = { authorization: "Bearer nxk_abc" };
    expect(crossSiteRefusal(post({ ...host, ...apiKey }), 0)).toBeNull();
    expect(
      crossSiteRefusal(post({ ...host, ...apiKey, ...session, origin: "https://evil.example" }), 0),
    ).not.toBeNull();
  });
});
