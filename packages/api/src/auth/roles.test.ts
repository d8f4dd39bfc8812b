import { describe, expect, it } from "vitest";

import { isAllowed } from "./roles";
import type { Principal, Role } from "./roles";
import type { ApiKeyScope } from "./scopes";

const person = (role: Role): Principal => ({
  kind: "user",
  user: { id: "u1", email: `${role}@example.com`, name: role, role },
  sessionTokenHash: "h",
});
const keyWith = (...scopes: ApiKeyScope[]): Principal => ({
  kind: "service",
  apiKey: { id: "k1", name: "orders", prefix: "nxk_abcdefgh", scopes },
});
const service = keyWith();

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

  it("lets an API key through a scoped rule only with that scope", () => {
    const routeOnly = ["trader", "service:routing:route"] as const;
    expect(isAllowed(keyWith("routing:route"), routeOnly)).toBe(true);
    expect(isAllowed(keyWith("routing:read", "routing:execute"), routeOnly)).toBe(false);
    expect(isAllowed(service, routeOnly)).toBe(false);
    // A scope is not a role: it opens nothing meant for people.
    expect(isAllowed(keyWith("routing:route", "routing:execute", "routing:read"), ["ops", "admin"])).toBe(
      false,
    );
  });
});
