import { describe, expect, it } from "vitest";
import { toVenueConfigurationChange, venueConfigurationChangeSchema } from "./venue-configuration-change";

const parse = (input: unknown) => venueConfigurationChangeSchema.safeParse(input);

describe("venue configuration changes", () => {
  it("turns fees and sizes into Decimals, clears a size with null and leaves absent fields alone", () => {
    const parsed = parse({
      venueId: "XNAS",
      makerFee: "-0.0020",
      takerFee: "0.0030",
      minOrderSize: null,
      maxOrderSize: "5000",
      supportedSymbols: ["AAPL", "MSFT"],
      priority: 10,
    });
    if (!parsed.success) throw parsed.error;
    const change = toVenueConfigurationChange(parsed.data);
    expect(change.makerFee?.toFixed()).toBe("-0.002");
    expect(change.takerFee?.toFixed()).toBe("0.003");
    expect(change.minOrderSize).toBeNull();
    expect(change.maxOrderSize?.toFixed()).toBe("5000");
    expect(change).toMatchObject({ supportedSymbols: ["AAPL", "MSFT"], priority: 10 });
    expect("enabled" in change).toBe(false);
    expect("venueId" in change).toBe(false);
  });

  it("refuses by field: a minimum above the maximum, a fractional size, a bad symbol, a priority out of range", () => {
    const fields = (input: unknown) => {
      const parsed = parse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
    };
    expect(fields({ venueId: "X", minOrderSize: "500", maxOrderSize: "100" })).toEqual(["minOrderSize"]);
    expect(fields({ venueId: "X", maxOrderSize: "10.5" })).toEqual(["maxOrderSize"]);
    expect(fields({ venueId: "X", supportedSymbols: ["aapl!"] })).toEqual(["supportedSymbols.0"]);
    expect(fields({ venueId: "X", priority: 1001 })).toEqual(["priority"]);
    expect(fields({ venueId: "X", colour: "red" })).toEqual([""]);
  });
});
