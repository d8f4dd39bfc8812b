import { describe, expect, it } from "vitest";
import { arrayLiteral } from "./array-literal";

describe("arrayLiteral", () => {
  it("quotes each element and writes NULL for null", () => {
    expect(arrayLiteral(["AAPL", null, "12.50"])).toBe('{"AAPL",NULL,"12.50"}');
  });

  it("escapes quotes and backslashes, so an element cannot end the literal early", () => {
    expect(arrayLiteral(['say "hi"', "a\\b", "NULL"])).toBe('{"say \\"hi\\"","a\\\\b","NULL"}');
  });

  it("writes an empty array for no elements", () => {
    expect(arrayLiteral([])).toBe("{}");
  });
});
