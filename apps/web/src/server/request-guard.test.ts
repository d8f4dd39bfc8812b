import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { REQUEST_PATH_HEADER } from "../lib/request-path";
import { guardRequest } from "./request-guard";

const direct = { trustedProxyCount: 0, development: false };
const behindProxy = { trustedProxyCount: 1, development: false };

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(`http://nexus.example.com${path}`, {
    method: init.method ?? "GET",
    headers: { host: "nexus.example.com", ...init.headers },
  });
}

/** NextResponse.next() marks the request as passed on to the route. */
const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";
/** A request header the proxy handed on to the page (NextResponse.next({ request: { headers } })). */
const handedOn = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

describe("cross-site writes", () => {
  it("refuses a tRPC mutation posted from another site with 403, before it reaches tRPC", async () => {
    const response = guardRequest(
      request("/api/trpc/auth.signIn", { method: "POST", headers: { origin: "https://evil.example" } }),
      direct,
    );
    expect(response.status).toBe(403);
    expect(passedOn(response)).toBe(false);
    expect(await response.json()).toEqual({
      code: "FORBIDDEN",
      message: "Cross-site request refused: Origin https://evil.example is not this site.",
    });
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("refuses a cookie-carrying write without Origin or Sec-Fetch-Site, also outside /api/trpc", () => {
    const response = guardRequest(
      request("/api/v1/anything", { method: "DELETE", headers: { cookie: "nexus_session=t" } }),
      direct,
    );
    expect(response.status).toBe(403);
  });

  it("passes on a mutation from our own page, by Origin or by Sec-Fetch-Site", () => {
    const byOrigin = request("/api/trpc/auth.signIn", {
      method: "POST",
      headers: { origin: "http://nexus.example.com" },
    });
    const byFetchMetadata = request("/api/trpc/auth.signOut", {
      method: "POST",
      headers: { cookie: "nexus_session=t", "sec-fetch-site": "same-origin" },
    });
    expect(passedOn(guardRequest(byOrigin, direct))).toBe(true);
    expect(passedOn(guardRequest(byFetchMetadata, direct))).toBe(true);
  });

  it("passes on an API-key REST call without a cookie, which no browser can forge", () => {
    const response = guardRequest(
      request("/api/v1/auth/me", { method: "POST", headers: { authorization: "Bearer nxk_abc" } }),
      direct,
    );
    expect(passedOn(response)).toBe(true);
  });
});

describe("security headers", () => {
  it("give an app page a fresh nonce, in the response CSP and in the request CSP Next.js reads it from", () => {
    const first = guardRequest(
      request("/alerts?status=open", { headers: { cookie: "nexus_session=t" } }),
      direct,
    );
    const second = guardRequest(request("/alerts", { headers: { cookie: "nexus_session=t" } }), direct);
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(handedOn(first, "content-security-policy")).toBe(csp);
    expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
    expect(handedOn(first, REQUEST_PATH_HEADER)).toBe("/alerts?status=open");
  });

  it("give API responses the no-document CSP", () => {
    const response = guardRequest(request("/api/health"), direct);
    expect(passedOn(response)).toBe(true);
    expect(response.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; frame-ancestors 'none'/,
    );
  });

  it("add HSTS when a trusted proxy says the browser came over https, and not when the client says so itself", () => {
    const overHttps = request("/api/health", { headers: { "x-forwarded-proto": "https" } });
    expect(guardRequest(overHttps, behindProxy).headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(guardRequest(overHttps, direct).headers.get("strict-transport-security")).toBeNull();
    const overHttp = request("/api/health", { headers: { "x-forwarded-proto": "http" } });
    expect(guardRequest(overHttp, behindProxy).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("signed-out visitors", () => {
  it("are sent from an app page to /sign-in?next=<that page>, and may see /sign-in itself", () => {
    const redirected = guardRequest(request("/audit"), direct);
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get("location")).toBe("http://nexus.example.com/sign-in?next=%2Faudit");
    expect(passedOn(guardRequest(request("/sign-in"), direct))).toBe(true);
  });

  it("reach the API, which authenticates each call itself", () => {
    expect(passedOn(guardRequest(request("/api/openapi.json"), direct))).toBe(true);
  });
});
