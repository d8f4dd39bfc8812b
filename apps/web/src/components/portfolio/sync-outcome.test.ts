import { describe, expect, it } from "vitest";
import { syncOutcome } from "./sync-outcome";

describe("syncOutcome", () => {
  it("counts the positions a sync changed, and says when none did", () => {
    expect(syncOutcome(3)).toBe("3 positions updated from the Orders service.");
    expect(syncOutcome(1)).toBe("1 position updated from the Orders service.");
    expect(syncOutcome(0)).toBe("Already in line with the Orders service: no position changed.");
  });
});
