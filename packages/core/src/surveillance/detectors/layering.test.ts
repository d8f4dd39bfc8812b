import { describe, expect, it } from "vitest";
import { createSurveillanceEngine } from "../engine";
import type { SurveillanceEngineOptions } from "../engine";
import { Flow } from "../flow.fixture";
import { CONFIDENCE_FLOOR } from "../scoring";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => `alert-${++id}`, ...options });
}

/** Layers behind the bid, the user's offer lifted, then the layers pulled (Avalon/Lek). */
function layeringFlow(
  options: { prices?: string[]; spacingMs?: number; cancelAfterFillMs?: number; cancelled?: number } = {},
) {
  const flow = new Flow();
  flow.order(0, "mm", "buy", "100.00", "500");
  const genuine = flow.order(10, "layerer", "sell", "100.02", "200");
  const prices = options.prices ?? ["99.99", "99.98", "99.97", "99.96"];
  const layers = prices.map((price, index) =>
    flow.order(100 + index * (options.spacingMs ?? 20), "layerer", "buy", price, "1000"),
  );
  const lifter = flow.order(1000, "buyer", "buy", "100.02", "200", { tif: "ioc" });
  flow.trade(1000, lifter, genuine, "100.02", "200");
  for (const layer of layers.slice(0, options.cancelled ?? layers.length))
    flow.cancel(1000 + (options.cancelAfterFillMs ?? 300), layer, "1000");
  return { flow, layers, genuine };
}

describe("layering", () => {
  it("flags layers on distinct levels pulled after the opposite fill, with the stack as evidence", () => {
    const { flow, layers, genuine } = layeringFlow();
    // Three of four cancelled is 75 % of the stack's volume; the fourth cancel completes it.
    const alerts = flow.run(engineWith());
    expect(alerts.map((alert) => [alert.type, alert.updates])).toEqual([["layering", 0]]);
    const last = alerts[0];
    expect(last?.userId).toBe(flow.user("layerer"));
    expect(last?.relatedOrderIds).toEqual([...layers, genuine]);
    expect(last?.evidence.metrics).toMatchObject({ layers: 4, cancelledFraction: 1 });
    expect(last?.description).toContain("4 buy orders on 4 price levels");
  });

  it("flags the mirror image: offers layered above the ask, the user's bid hit", () => {
    const flow = new Flow();
    flow.order(0, "mm", "sell", "100.00", "500");
    const genuine = flow.order(10, "layerer", "buy", "99.98", "200");
    const layers = ["100.01", "100.02", "100.03"].map((price) =>
      flow.order(100, "layerer", "sell", price, "1000"),
    );
    const hitter = flow.order(1000, "seller", "sell", "99.98", "200", { tif: "ioc" });
    flow.trade(1000, hitter, genuine, "99.98", "200");
    for (const layer of layers) flow.cancel(1100, layer, "1000");
    const [alert] = flow.run(engineWith());
    expect(alert?.relatedOrderIds).toEqual([...layers, genuine]);
  });

  it("scores a stack exactly at its thresholds at the floor", () => {
    const { flow } = layeringFlow({
      prices: ["99.99", "99.98", "99.97", "99.96"],
      spacingMs: 300,
      cancelAfterFillMs: 3000,
      cancelled: 3,
    });
    const engine = engineWith({
      thresholds: { layering: { minCancelledFraction: 0.75, maxPlacementSpanMs: 900 } },
    });
    const [alert] = flow.run(engine);
    expect(alert?.confidence).toBeCloseTo(CONFIDENCE_FLOOR, 10);
  });

  it("needs three distinct levels, a fill before the cancels, and the cancels in time", () => {
    const twoLevels = layeringFlow({ prices: ["99.99", "99.98", "99.98"] }).flow;
    expect(twoLevels.run(engineWith())).toEqual([]);
    const late = layeringFlow({ cancelAfterFillMs: 3001 }).flow;
    expect(late.run(engineWith())).toEqual([]);
    const slowStack = layeringFlow({ spacingMs: 3000 }).flow; // entered over 9 s: not one stack
    expect(slowStack.run(engineWith())).toEqual([]);
    const fewCancelled = layeringFlow({ cancelled: 3 }).flow; // 75 % of the volume
    expect(fewCancelled.run(engineWith())).toEqual([]);

    const noFill = new Flow();
    const orders = ["99.99", "99.98", "99.97"].map((price) => noFill.order(0, "trader", "buy", price, "100"));
    for (const orderId of orders) noFill.cancel(100, orderId, "100");
    expect(noFill.run(engineWith())).toEqual([]);
  });

  it("leaves a client order worked at several prices, and orders improving the bid, alone", () => {
    // Orders that lead the price (each inside the spread) are not layers.
    const flow = new Flow();
    flow.order(0, "mm", "buy", "99.90", "500");
    flow.order(0, "mm", "sell", "100.10", "500");
    const genuine = flow.order(10, "trader", "sell", "100.05", "200");
    const improving = ["99.95", "99.96", "99.97"].map((price, index) =>
      flow.order(100 + index, "trader", "buy", price, "1000"),
    );
    const lifter = flow.order(1000, "buyer", "buy", "100.05", "200", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.05", "200");
    for (const orderId of improving) flow.cancel(1100, orderId, "1000");
    // IOC orders never rest, and an unknown order's cancel is ignored.
    flow.order(1200, "trader", "buy", "99.00", "100", { tif: "ioc" });
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("finds nothing in empty data or a single order", () => {
    expect(new Flow().run(engineWith())).toEqual([]);
    const flow = new Flow();
    const only = flow.order(0, "trader", "buy", "99.00", "100");
    flow.cancel(10, only, "100");
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("keeps a bounded history of layers per user", () => {
    const flow = new Flow();
    for (let index = 0; index < 40; index++) flow.order(index, "trader", "buy", "99.00", "100");
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("counts layers added after the fill to the stack", () => {
    // Two levels rest when the offer is lifted; two more go in after it; all four are pulled.
    const flow = new Flow();
    flow.order(0, "mm", "buy", "100.00", "500");
    const genuine = flow.order(10, "layerer", "sell", "100.02", "200");
    const early = ["99.99", "99.98"].map((price, index) =>
      flow.order(100 + index, "layerer", "buy", price, "1000"),
    );
    const lifter = flow.order(1000, "buyer", "buy", "100.02", "200", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.02", "200");
    const late = ["99.97", "99.96"].map((price, index) =>
      flow.order(1100 + index, "layerer", "buy", price, "1000"),
    );
    for (const layer of [...early, ...late]) flow.cancel(1400, layer, "1000");
    const engine = engineWith();
    const alerts = [...flow.run(engine), ...engine.flush()];
    expect(alerts.map((alert) => alert.type)).toEqual(["layering"]);
    expect(alerts[0]?.evidence.metrics).toMatchObject({ layers: 4 });
  });

  it("needs part of the stack resting when the fill came", () => {
    const flow = new Flow();
    flow.order(0, "mm", "buy", "100.00", "500");
    const genuine = flow.order(10, "layerer", "sell", "100.02", "200");
    const lifter = flow.order(1000, "buyer", "buy", "100.02", "200", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.02", "200");
    const late = ["99.99", "99.98", "99.97"].map((price, index) =>
      flow.order(1100 + index, "layerer", "buy", price, "1000"),
    );
    for (const layer of late) flow.cancel(1400, layer, "1000");
    const engine = engineWith();
    expect([...flow.run(engine), ...engine.flush()].map((alert) => alert.type)).toEqual([]);
  });
});
