import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";

import { generateApiKey, generateSessionToken, sha256Hex } from "./tokens";

describe("sha256Hex", () => {
  it("is the standard SHA-256 digest in lowercase hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("generateSessionToken", () => {
  it("returns 32 random bytes as base64url and stores only their digest", () => {
    const { token, tokenHash } = generateSessionToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).not.toContain(token);
  });

  it("never repeats a token", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => generateSessionToken().token));
    expect(tokens.size).toBe(100);
  });
});

describe("generateApiKey", () => {
  it("is nxk_ + base64url of 32 bytes, with a 12-character visible prefix and the key's digest", () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^nxk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), "base64url")).toHaveLength(32);
    expect(prefix).toBe(key.slice(0, 12));
    expect(keyHash).toBe(sha256Hex(key));
  });
});
