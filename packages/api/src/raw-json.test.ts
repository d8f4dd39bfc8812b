import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { RawJson } from "./raw-json";

describe("RawJson", () => {
  it("crosses superjson as its text and arrives as the document", () => {
    const text = JSON.stringify([{ method: "historical", var: "10359.19", components: [{ share: 0.22 }] }]);
    const sent = superjson.stringify({ figures: new RawJson(text), asOf: new Date("2026-12-06T18:00:00Z") });
    expect(sent).toContain(JSON.stringify(text)); // the text as one string, not walked node by node
    expect(superjson.parse(sent)).toEqual({
      figures: JSON.parse(text),
      asOf: new Date("2026-12-06T18:00:00Z"),
    });
  });

  it("is the document for plain JSON (REST, in-process callers)", () => {
    expect(JSON.parse(JSON.stringify({ figures: new RawJson('{"var":"1.5"}') }))).toEqual({
      figures: { var: "1.5" },
    });
  });
});
