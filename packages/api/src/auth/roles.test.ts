import { describe, expect, it } from "vitest";

import { isAllowed } from "./roles";
import type { Principal, Role } from "./roles";

const person = (role: Role): Principal => ({
  kind: "user",
  user: { id: "u1", email: `${role}@example.com`, name: role, role },
  sessionTokenHash: "h",
});
const service: Principal = { kind: "service", apiKey: { id: "k1", name: "risk", prefix: "nxk_abcdefgh" } };

describe("isAllowed", () => {
  it("lets a person through only with a listed role", () => {
    expect(isAllowed(person("compliance"), ["compliance"])).toBe(true);
    expect(isAllowed(person("trader"), ["compliance", "ops"])).toBe(false);
  });

  it("lets admin through every check made for people", () => {
    expect(isAllowed(person("admin"), ["trader"])).toBe(true);
  });

  it("lets an API key through only where `service` is listed, even beside admin-only roles", () => {
    expect(isAllowed(service, ["compliance", "trader", "ops", "admin"])).toBe(false);
    expect(isAllowed(service, ["admin"])).toBe(false);
    expect(isAllowed(service, ["trader", "service"])).toBe(true);
  });
});
