import { unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "./next.config";

describe("next.config headers", () => {
  it("puts nosniff and the referrer policy on pages, the API and static files", async () => {
    for (const url of [
      "http://localhost/alerts",
      "http://localhost/api/trpc/auth.me",
      "http://localhost/_next/static/x.js",
    ]) {
      const response = await unstable_getResponseFromNextConfig({ url, nextConfig });
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });
});
