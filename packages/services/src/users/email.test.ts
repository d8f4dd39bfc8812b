import { describe, expect, it } from "vitest";

import { emailSchema, normalizeEmail } from "./email";

describe("email", () => {
  it("trims and lower-cases, so one address is one account", () => {
    expect(normalizeEmail("  Ann.Lee@Example.COM \n")).toBe("ann.lee@example.com");
    expect(emailSchema.parse(" Ann.Lee@Example.COM ")).toBe("ann.lee@example.com");
  });

  it("refuses what is not an address", () => {
    expect(emailSchema.safeParse("ann.lee").success).toBe(false);
    expect(emailSchema.safeParse("").success).toBe(false);
  });
});
