import { describe, expect, it } from "vitest";

import { hashPassword, verifyPassword } from "./password";

describe("hashPassword / verifyPassword", () => {
  it("stores argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1)", async () => {
    expect(await hashPassword("correct horse")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("accepts the right password and refuses a wrong one, even one differing in case only", async () => {
    const stored = await hashPassword("Correct horse");
    expect(await verifyPassword(stored, "Correct horse")).toBe(true);
    expect(await verifyPassword(stored, "correct horse")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("salts every hash, so equal passwords give different hashes", async () => {
    const [first, second] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(first).not.toBe(second);
  });
});
