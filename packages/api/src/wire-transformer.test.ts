import superjson from "superjson";
import { describe, expect, it } from "vitest";

import { RawJson } from "./raw-json";
import { wireTransformer } from "./wire-transformer";

/** What travels: the serialized value as JSON text, which the shortcut must not change. */
const wire = (value: unknown) => JSON.stringify(wireTransformer.serialize(value));

const routed = {
  kind: "routed",
  decisionId: "d-1",
  quantity: "100",
  fillProbability: 0.95,
  alternatives: [
    { rank: 1, venueId: "XNAS", allInPrice: "189.2509", latencyMs: 1 },
    { rank: 2, venueId: "XNYS", allInPrice: "189.253", latencyMs: 1 },
  ],
  excluded: [],
  nbbo: { symbol: "AAPL", bid: { price: "189.2", venueIds: ["XNYS"] }, condition: "normal", asOf: 1 },
  halted: false,
  limitPrice: null,
  nested: Object.assign(Object.create(null) as object, { empty: {} }),
};

describe("wireTransformer", () => {
  it("sends plain JSON as superjson does, with no meta", () => {
    expect(wire(routed)).toBe(superjson.stringify(routed));
    expect(wireTransformer.serialize(routed)).toEqual({ json: routed });
    for (const value of ["text", 0, true, null, [], {}]) expect(wire(value)).toBe(superjson.stringify(value));
  });

  it("leaves to superjson whatever plain JSON cannot say, its output unchanged", () => {
    const shared = { venueId: "XNYS" };
    const values: unknown[] = [
      { at: new Date("2026-12-07T12:00:00Z") },
      { missing: undefined },
      [Number.NaN, Number.POSITIVE_INFINITY, -0],
      { once: shared, twice: shared },
      { risk: new RawJson('{"var":"12.5"}') },
      { positions: new Map([["AAPL", "100"]]) },
      { big: 12n },
      [1, , 3],
      { label: Symbol("s") },
      () => undefined,
    ];
    for (const value of values) expect(wire(value)).toBe(JSON.stringify(superjson.serialize(value)));
  });

  it("lets superjson refuse a __proto__ key as before", () => {
    const polluted = JSON.parse('{"__proto__": {"admin": true}}') as unknown;
    expect(() => wireTransformer.serialize(polluted)).toThrow(/prototype pollution/);
  });

  it("reads what superjson's clients send", () => {
    const at = new Date("2026-12-07T12:00:00Z");
    expect(wireTransformer.deserialize(superjson.serialize({ at, n: "1" }))).toEqual({ at, n: "1" });
  });
});
