import { describe, expect, it } from "vitest";
import { safeNextPath, signInUrl } from "./safe-next-path";

describe("safeNextPath", () => {
  it("keeps a same-origin path with its query", () => {
    expect(safeNextPath("/audit?page=2")).toBe("/audit?page=2");
  });

  it("falls back to the overview when next is missing or empty", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath("")).toBe("/");
  });

  it.each([
    ["absolute URL", "https://evil.example/phish"],
    ["protocol-relative URL", "//evil.example"],
    ["backslash that browsers read as //", "/\\evil.example"],
    ["tab hiding a second slash", "/\t/evil.example"],
    ["relative path", "audit"],
    ["javascript: URL", "javascript:alert(1)"],
  ])("refuses an off-site target (%s)", (_label, target) => {
    expect(safeNextPath(target)).toBe("/");
  });

  it("never sends the person back to the sign-in page itself", () => {
    expect(safeNextPath("/sign-in")).toBe("/");
    expect(safeNextPath("/sign-in?next=%2Faudit")).toBe("/");
  });

  it("keeps paths that merely start with the same letters as sign-in", () => {
    expect(safeNextPath("/sign-ins-report")).toBe("/sign-ins-report");
  });
});

describe("signInUrl", () => {
  it("asks to come back to the page that was refused", () => {
    expect(signInUrl("/audit?page=2")).toBe("/sign-in?next=%2Faudit%3Fpage%3D2");
  });

  it("leaves next out for the overview, where sign-in lands anyway", () => {
    expect(signInUrl("/")).toBe("/sign-in");
  });
});
