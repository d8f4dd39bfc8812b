import { describe, expect, it } from "vitest";

import { generatePassword, newPasswordProblem, newPasswordSchema } from "./new-password";

describe("newPasswordProblem", () => {
  it("asks for 12 characters and accepts exactly 12", () => {
    expect(newPasswordProblem("a".repeat(11))).toBe("must be at least 12 characters");
    expect(newPasswordProblem("a".repeat(12))).toBeUndefined();
  });

  it("counts a character outside the BMP once, as NIST SP 800-63B asks", () => {
    // Each lock is two UTF-16 units: 11 of them are 22 units but 11 characters.
    expect(newPasswordProblem("🔒".repeat(11))).toBe("must be at least 12 characters");
    expect(newPasswordProblem("🔒".repeat(12))).toBeUndefined();
  });

  it("refuses more than 1024 characters, the sign-in form's limit", () => {
    expect(newPasswordProblem("a".repeat(1024))).toBeUndefined();
    expect(newPasswordProblem("a".repeat(1025))).toBe("must be at most 1024 characters");
    // 513 locks are 1026 UTF-16 units, more than the sign-in form accepts.
    expect(newPasswordProblem("🔒".repeat(513))).toBe("must be at most 1024 characters");
  });

  it("gives the same verdict as a zod schema, for forms", () => {
    expect(newPasswordSchema.safeParse("short").error?.issues[0]?.message).toBe(
      "must be at least 12 characters",
    );
    expect(newPasswordSchema.safeParse("long enough passphrase").success).toBe(true);
  });
});

describe("generatePassword", () => {
  it("makes 24 URL-safe characters that pass the policy", () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newPasswordProblem(password)).toBeUndefined();
  });

  it("never repeats itself", () => {
    const passwords = new Set(Array.from({ length: 1000 }, generatePassword));
    expect(passwords.size).toBe(1000);
  });
});
