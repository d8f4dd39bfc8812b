import { describe, expect, it } from "vitest";
import { isCrossSiteOrigin } from "./socket-caller.js";

const headers = (fields: Record<string, string>) => new Headers(fields);

describe("isCrossSiteOrigin", () => {
  it("lets the web app's own pages in: same host, another port", () => {
    expect(isCrossSiteOrigin(headers({ host: "localhost:8081", origin: "http://localhost:3000" }))).toBe(
      false,
    );
    expect(isCrossSiteOrigin(headers({ host: "[::1]:8081", origin: "http://[::1]:3000" }))).toBe(false);
  });

  it("refuses a page of another site or a sibling subdomain, and an Origin that is no URL", () => {
    expect(isCrossSiteOrigin(headers({ host: "risk.example.com", origin: "https://evil.example" }))).toBe(
      true,
    );
    expect(isCrossSiteOrigin(headers({ host: "risk.example.com", origin: "https://blog.example.com" }))).toBe(
      true,
    );
    expect(isCrossSiteOrigin(headers({ host: "risk.example.com", origin: "null" }))).toBe(true);
  });

  it("takes a client that sends no Origin for what it is: not a browser page", () => {
    expect(isCrossSiteOrigin(headers({ host: "localhost:8081" }))).toBe(false);
  });
});
