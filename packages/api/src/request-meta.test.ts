import { describe, expect, it } from "vitest";

import { bearerToken, clientIp, isHttps, requestHost } from "./request-meta";

describe("clientIp", () => {
  it("believes no X-Forwarded-For without a trusted proxy: any client can send one", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }), 0)).toBeNull();
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }), 0)).toBeNull();
  });

  it("takes the entry the outermost trusted proxy appended, N from the right, not the client's own", () => {
    // The client forged 10.9.9.9; proxy A saw 203.0.113.7, proxy B saw A at 10.0.0.2.
    const headers = new Headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.7, 10.0.0.2" });
    expect(clientIp(headers, 1)).toBe("10.0.0.2");
    expect(clientIp(headers, 2)).toBe("203.0.113.7");
  });

  it("reads every X-Forwarded-For line, and takes the farthest entry when there are fewer than proxies", () => {
    const twoLines = new Headers([
      ["x-forwarded-for", "198.51.100.4"],
      ["x-forwarded-for", "2001:db8::1"],
    ]);
    expect(clientIp(twoLines, 1)).toBe("2001:db8::1");
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.4" }), 3)).toBe("198.51.100.4");
  });

  it("is null when the trusted entry is not an IP address or there is none", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, unknown" }), 1)).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4:5678" }), 1)).toBeNull();
    expect(clientIp(new Headers(), 1)).toBeNull();
  });
});

describe("isHttps", () => {
  it("follows X-Forwarded-Proto only through a trusted proxy", () => {
    expect(isHttps(new Headers({ "x-forwarded-proto": "https" }), 1)).toBe(true);
    expect(isHttps(new Headers({ "x-forwarded-proto": "HTTPS" }), 1)).toBe(true);
    expect(isHttps(new Headers({ "x-forwarded-proto": "https" }), 0)).toBe(false);
  });

  it("takes the value the trusted proxy wrote, not one the client sent before it", () => {
    expect(isHttps(new Headers({ "x-forwarded-proto": "https, http" }), 1)).toBe(false);
    expect(isHttps(new Headers({ "x-forwarded-proto": "http, https" }), 1)).toBe(true);
    expect(isHttps(new Headers(), 1)).toBe(false);
  });
});

describe("requestHost", () => {
  it("is the Host header without a trusted proxy, ignoring X-Forwarded-Host", () => {
    const headers = new Headers({ host: "Nexus.Example.com:8443", "x-forwarded-host": "evil.example" });
    expect(requestHost(headers, 0)).toBe("nexus.example.com:8443");
  });

  it("is X-Forwarded-Host through a trusted proxy, else Host", () => {
    const proxied = new Headers({ host: "web:3000", "x-forwarded-host": "nexus.example.com" });
    expect(requestHost(proxied, 1)).toBe("nexus.example.com");
    expect(requestHost(new Headers({ host: "web:3000" }), 1)).toBe("web:3000");
    expect(requestHost(new Headers(), 1)).toBeNull();
  });
});

describe("bearerToken", () => {
  it("reads `Bearer <token>` case-insensitively and ignores other schemes", () => {
    expect(bearerToken(new Headers({ authorization: "Bearer nxk_abc" }))).toBe("nxk_abc");
    expect(bearerToken(new Headers({ authorization: "bearer nxk_abc" }))).toBe("nxk_abc");
    expect(bearerToken(new Headers({ authorization: "Basic dXNlcjpwdw==" }))).toBeUndefined();
    expect(bearerToken(new Headers({ authorization: "Bearer " }))).toBeUndefined();
    expect(bearerToken(new Headers())).toBeUndefined();
  });
});
