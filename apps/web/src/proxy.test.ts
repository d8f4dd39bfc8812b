import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "./proxy";

const runsFor = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("proxy matcher", () => {
  it("runs for the API, so cross-site writes are refused and API responses get their headers", () => {
    expect(runsFor("/api/trpc/auth.signIn")).toBe(true);
    expect(runsFor("/api/v1/auth/me")).toBe(true);
    expect(runsFor("/api/openapi.json")).toBe(true);
  });

  it("runs for pages and skips static assets", () => {
    expect(runsFor("/")).toBe(true);
    expect(runsFor("/alerts")).toBe(true);
    expect(runsFor("/sign-in")).toBe(true);
    expect(runsFor("/_next/static/chunks/main.js")).toBe(false);
    expect(runsFor("/favicon.ico")).toBe(false);
  });
});
