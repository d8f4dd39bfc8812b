import { describe, expect, it } from "vitest";
import { severityAtLeast } from "./severity";

describe("severityAtLeast", () => {
  it("orders low < medium < high < critical, the floor itself included", () => {
    expect(severityAtLeast("high", "high")).toBe(true);
    expect(severityAtLeast("critical", "high")).toBe(true);
    expect(severityAtLeast("medium", "high")).toBe(false);
    expect(severityAtLeast("low", "low")).toBe(true);
  });
});
