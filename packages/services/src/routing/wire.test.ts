import { Decimal } from "@nexus/core/money";
import { describe, expect, it } from "vitest";
import { toWire } from "./wire";

describe("toWire", () => {
  it("turns every Decimal into its plain decimal string, at any depth, and keeps the rest", () => {
    const at = new Date("2026-11-24T14:30:00.000Z");
    expect(
      toWire({
        price: new Decimal("189.250"),
        levels: [{ quantity: new Decimal("1e3") }],
        venue: "XNYS",
        open: null,
        at,
      }),
    ).toEqual({ price: "189.25", levels: [{ quantity: "1000" }], venue: "XNYS", open: null, at });
  });

  it("keeps a key named __proto__ (from parsed JSON) a key, not the prototype", () => {
    const wire = toWire(JSON.parse('{"__proto__": {"admin": true}, "n": 1}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(wire)).toBe(Object.prototype);
    expect(Object.keys(wire)).toEqual(["__proto__", "n"]);
    expect(JSON.stringify(wire)).toBe('{"__proto__":{"admin":true},"n":1}');
  });
});
