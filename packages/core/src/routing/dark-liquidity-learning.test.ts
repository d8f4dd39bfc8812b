import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { T0, addVenue, d, newRouter, quoteOf, request, resetIds } from "./test-venues";

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  resetIds();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A lit venue quoting 100.00 x 100.02 and a dark pool whose prior fill rate is 0.3. */
function market() {
  const router = newRouter({ liquidity: { window: 100, minObservations: 4 } });
  addVenue(router, { id: "LIT", fee: "0.003", bids: [["100.00", 5_000]], asks: [["100.02", 5_000]] });
  const dark = addVenue(router, { id: "DARK", type: "dark_pool", fee: "0.001", fillRate: 0.3 });
  const requote = () =>
    router.onQuote(
      quoteOf("LIT", { bids: [["100.00", 5_000]], asks: [["100.02", 5_000]], timestamp: Date.now() }),
    );
  return { router, dark, requote };
}

describe("smart learns a dark pool's hidden liquidity from its own fills (Kaplan-Meier, censored)", () => {
  it("uses the prior until informed, then the learned curve: small orders fill fully, large ones half", async () => {
    const { router, dark, requote } = market();
    const prior = router.getVenueRankings(request({ strategy: "smart", quantity: d(400) }));
    expect(prior.find((r) => r.venueId === "DARK")?.fillProbability).toBe(0.3);
    // Four orders of 200 to the dark pool, each finding 100 shares there.
    dark.behaviour = { kind: "fill", price: "100.01", fillRatio: 0.5 };
    for (let i = 0; i < 4; i += 1) {
      requote();
      const pending = router.routeAndExecute(
        request({ strategy: "smart", quantity: d(200), constraints: { excludedVenues: ["LIT"] } }),
      );
      await vi.runAllTimersAsync();
      expect((await pending).filledQuantity.toFixed()).toBe("100");
    }
    requote();
    const rankings = router.getVenueRankings(request({ strategy: "smart", quantity: d(100) }));
    const dark100 = rankings.find((r) => r.venueId === "DARK");
    expect(dark100?.fillProbability).toBe(1);
    const rankings400 = router.getVenueRankings(request({ strategy: "smart", quantity: d(400) }));
    expect(rankings400.find((r) => r.venueId === "DARK")?.fillProbability).toBe(0.25);
    const [curve] = router.getLiquidityCurves();
    expect(curve).toEqual({
      venueId: "DARK",
      curve: { steps: [{ shares: 100, survival: 0 }], observations: 4, censored: 0 },
    });
    expect(router.getBreakerStates()).toEqual([
      { venueId: "LIT", state: "closed" },
      { venueId: "DARK", state: "closed" },
    ]);
  });

  it("takes up fills logged before it started, so a restarted router ranks as the old one did; lit or unknown venues learn nothing", () => {
    const { router, requote } = market();
    const logged = Array.from({ length: 4 }, () => ({ requested: 200, filled: 100 }));
    router.learnFills("DARK", logged);
    router.learnFills("LIT", logged);
    router.learnFills("GONE", logged);
    requote();
    const rankings400 = router.getVenueRankings(request({ strategy: "smart", quantity: d(400) }));
    expect(rankings400.find((r) => r.venueId === "DARK")?.fillProbability).toBe(0.25);
    expect(router.getLiquidityCurves()).toEqual([
      { venueId: "DARK", curve: { steps: [{ shares: 100, survival: 0 }], observations: 4, censored: 0 } },
    ]);
  });
});
