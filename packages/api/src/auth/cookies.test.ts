import { describe, expect, it } from "vitest";

import { SESSION_COOKIE, readCookie, sessionCookie } from "./cookies";

describe("readCookie", () => {
  it("finds the cookie among others, trimming spaces", () => {
    const headers = new Headers({ cookie: `theme=dark; ${SESSION_COOKIE}=abc-123_x ; other=1` });
    expect(readCookie(headers, SESSION_COOKIE)).toBe("abc-123_x");
  });

  it("is undefined without a Cookie header, for an empty value, and for a name that only ends the same", () => {
    expect(readCookie(new Headers(), SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(new Headers({ cookie: `${SESSION_COOKIE}=` }), SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(new Headers({ cookie: `x${SESSION_COOKIE}=abc` }), SESSION_COOKIE)).toBeUndefined();
  });
});

describe("sessionCookie", () => {
  it("is httpOnly, SameSite=Lax, Path=/, with the lifetime, and not Secure over http", () => {
    expect(sessionCookie("tok", { secure: false, maxAgeSeconds: 43_200 })).toBe(
      "nexus_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200",
    );
  });

  it("adds Secure over https", () => {
    expect(sessionCookie("tok", { secure: true, maxAgeSeconds: 0 })).toMatch(/; Max-Age=0; Secure$/);
  });
});
