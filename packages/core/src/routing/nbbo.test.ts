import { describe, expect, it } from "vitest";
import { computeNbbo } from "./nbbo";
import { T0, quoteOf } from "./test-venues";

const TTL = 500;

describe("computeNbbo", () => {
  it("takes the highest bid and lowest offer, summing the venues at each", () => {
    const nbbo = computeNbbo(
      "AAPL",
      [
        quoteOf("ARCA", { bids: [["99.98", 100]], asks: [["100.02", 200]] }),
        quoteOf("NSDQ", { bids: [["99.99", 300]], asks: [["100.02", 100]] }),
        quoteOf("BATS", { bids: [["99.99", 200]], asks: [["100.03", 500]] }),
      ],
      T0,
      TTL,
    );
    expect(nbbo.condition).toBe("normal");
    expect(nbbo.bid?.price.toFixed()).toBe("99.99");
    expect(nbbo.bid?.quantity.toFixed()).toBe("500");
    expect(nbbo.bid?.venueIds).toEqual(["NSDQ", "BATS"]);
    expect(nbbo.ask?.price.toFixed()).toBe("100.02");
    expect(nbbo.ask?.venueIds).toEqual(["ARCA", "NSDQ"]);
    expect(nbbo.spread?.toFixed()).toBe("0.03");
  });

  it("flags locked and crossed markets", () => {
    const locked = computeNbbo(
      "AAPL",
      [quoteOf("A", { bids: [["100", 1]] }), quoteOf("B", { asks: [["100", 1]] })],
      T0,
      TTL,
    );
    expect(locked.condition).toBe("locked");
    const crossed = computeNbbo(
      "AAPL",
      [quoteOf("A", { bids: [["100.01", 1]] }), quoteOf("B", { asks: [["100", 1]] })],
      T0,
      TTL,
    );
    expect(crossed.condition).toBe("crossed");
    expect(crossed.spread?.toFixed()).toBe("-0.01");
  });

  it("excludes quotes as old as the TTL and reports them, keeping younger ones", () => {
    const nbbo = computeNbbo(
      "AAPL",
      [
        quoteOf("OLD", { bids: [["100.05", 1]], asks: [["100.06", 1]], timestamp: T0 - TTL }),
        quoteOf("NEW", { bids: [["99.99", 1]], asks: [["100.01", 1]], timestamp: T0 - TTL + 1 }),
      ],
      T0,
      TTL,
    );
    expect(nbbo.staleVenueIds).toEqual(["OLD"]);
    expect(nbbo.bid?.venueIds).toEqual(["NEW"]);
  });

  it("ignores undisplayed quotes and says when a side or both are missing", () => {
    const dark = quoteOf("DARK", { bids: [["100", 1]], asks: [["100.01", 1]], displayed: false });
    expect(computeNbbo("AAPL", [dark], T0, TTL).condition).toBe("empty");
    const oneSided = computeNbbo("AAPL", [dark, quoteOf("A", { asks: [["100.01", 1]] })], T0, TTL);
    expect(oneSided.condition).toBe("one_sided");
    expect(oneSided.bid).toBeUndefined();
    expect(oneSided.spread).toBeUndefined();
  });
});
