import { describe, expect, it } from "vitest";

import { bearerToken, clientIp, isHttps } from "./request-meta";

describe("clientIp", () => {
  it("takes the first x-forwarded-for hop (the client), else x-real-ip, else null", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIp(new Headers())).toBeNull();
  });
});

describe("isHttps", () => {
  it("follows the first x-forwarded-proto value", () => {
    expect(isHttps(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps(new Headers({ "x-forwarded-proto": "http, https" }))).toBe(false);
    expect(isHttps(new Headers())).toBe(false);
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
