import { describe, expect, it } from "vitest";

import { isTouchDue } from "./api-key";

describe("isTouchDue", () => {
  const lastUsed = new Date("2025-03-03T14:30:00.000Z");

  it("touches a key never used before", () => {
    expect(isTouchDue(null, lastUsed)).toBe(true);
  });

  it("skips within the minute and touches from exactly one minute on", () => {
    expect(isTouchDue(lastUsed, new Date("2025-03-03T14:30:59.999Z"))).toBe(false);
    expect(isTouchDue(lastUsed, new Date("2025-03-03T14:31:00.000Z"))).toBe(true);
  });
});
