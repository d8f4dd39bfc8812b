import { describe, expect, it } from "vitest";
import { createSurveillanceEngine } from "../engine";
import type { SurveillanceEngineOptions } from "../engine";
import { Flow } from "../flow.fixture";
import { CONFIDENCE_FLOOR } from "../scoring";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => `alert-${++id}`, ...options });
}

/**
 * The market's usual orders are 100-500 shares; the trader buys 500 ahead of a 20,000-share client buy,
 * then sells into the move it causes.
 */
function frontRun(
  options: {
    leadMs?: number;
    unwindAfterMs?: number;
    exitPrice?: string;
    blockSize?: string;
    quoteBoth?: boolean;
  } = {},
) {
  const flow = new Flow();
  for (let index = 0; index < 10; index++) flow.order(index, `noise-${index}`, "buy", "99.00", "200");
  const blockAt = 100_000;
  const entryAt = blockAt - (options.leadMs ?? 5000);
  const offer = flow.order(entryAt - 10, "mm", "sell", "100.00", "500");
  const entry = flow.order(entryAt, "trader", "buy", "100.00", "500", { tif: "ioc" });
  flow.trade(entryAt, entry, offer, "100.00", "500");
  if (options.quoteBoth === true) {
    flow.order(entryAt + 1, "trader", "buy", "99.50", "100");
    flow.order(entryAt + 1, "trader", "sell", "101.00", "100");
  }
  const block = flow.order(blockAt, "desk", "buy", "100.10", options.blockSize ?? "20000", {
    capacity: "agency",
  });
  const exitAt = blockAt + (options.unwindAfterMs ?? 2000);
  const exit = flow.order(exitAt - 1, "trader", "sell", options.exitPrice ?? "100.10", "500");
  flow.trade(exitAt, block, exit, options.exitPrice ?? "100.10", "500");
  return { flow, entry, block, exit };
}

describe("front running", () => {
  it("flags a principal buy ahead of a client block, sold into it at a profit", () => {
    const { flow, entry, block, exit } = frontRun();
    const [alert, ...rest] = flow.run(engineWith());
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ type: "front_running", userId: flow.user("trader") });
    expect(alert?.relatedOrderIds).toEqual([entry, block, exit]);
    expect(alert?.evidence.metrics).toMatchObject({ blockQuantity: 20_000, principalLeadMs: 5000 });
    expect(alert?.evidence.metrics.profitBps).toBeCloseTo(10, 6);
    expect(alert?.description).toContain("client block of 20000");
  });

  it("scores a case exactly at its thresholds at the floor", () => {
    // 10,000 shares, 30 s lead, unwound 30 s after, 1 bp profit, the whole position closed.
    const { flow } = frontRun({
      leadMs: 30_000,
      unwindAfterMs: 30_000,
      exitPrice: "100.01",
      blockSize: "10000",
    });
    const engine = engineWith({ thresholds: { front_running: { minUnwoundFraction: 1 } } });
    const [alert] = flow.run(engine);
    expect(alert?.confidence).toBeCloseTo(CONFIDENCE_FLOOR, 6);
  });

  it("recognises a block by its value too", () => {
    // 5,000 shares at 100.10 is $500,500: a block by value, not by size.
    const { flow } = frontRun({ blockSize: "5000" });
    const [alert] = flow.run(engineWith());
    expect(alert?.evidence.metrics.blockNotional).toBe(500_500);
  });

  it("flags the mirror image: a principal sell ahead of a client sell block, bought back lower", () => {
    const flow = new Flow();
    const bid = flow.order(0, "mm", "buy", "100.00", "500");
    const entry = flow.order(1000, "trader", "sell", "100.00", "500", { tif: "ioc" });
    flow.trade(1000, entry, bid, "100.00", "500");
    const block = flow.order(3000, "desk", "sell", "99.90", "20000", { capacity: "agency" });
    const exit = flow.order(3500, "trader", "buy", "99.90", "500");
    flow.trade(3500, block, exit, "99.90", "500");
    const [alert] = flow.run(engineWith());
    expect(alert?.relatedOrderIds).toEqual([entry, block, exit]);
  });

  it("values a market block at the last trade price", () => {
    const flow = new Flow();
    const offer = flow.order(0, "mm", "sell", "100.00", "500");
    const entry = flow.order(1000, "trader", "buy", "100.00", "500", { tif: "ioc" });
    flow.trade(1000, entry, offer, "100.00", "500");
    const block = flow.order(3000, "desk", "buy", "", "5000", { capacity: "agency", market: true });
    const exit = flow.order(3500, "trader", "sell", "100.10", "500");
    flow.trade(3500, block, exit, "100.10", "500");
    const [alert] = flow.run(engineWith());
    expect(alert?.evidence.metrics.blockNotional).toBe(500_000);
  });

  it("waits until at least half the position is closed, at an average profit", () => {
    const flow = new Flow();
    const offer = flow.order(0, "mm", "sell", "100.00", "1000");
    const entry = flow.order(1000, "trader", "buy", "100.00", "1000", { tif: "ioc" });
    flow.trade(1000, entry, offer, "100.00", "1000");
    const block = flow.order(3000, "desk", "buy", "100.20", "20000", { capacity: "agency" });
    const firstExit = flow.order(3100, "trader", "sell", "100.20", "300");
    flow.trade(3100, block, firstExit, "100.20", "300");
    const secondExit = flow.order(3200, "trader", "sell", "100.10", "300");
    const bidder = flow.order(3150, "buyer", "buy", "100.10", "300");
    flow.trade(3200, secondExit, bidder, "100.10", "300");
    const alerts = flow.run(engineWith());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.evidence.metrics.unwoundFraction).toBe(0.6);
    expect(alerts[0]?.evidence.metrics.profitBps).toBeCloseTo(15, 6);
  });

  it("leaves a small trade back, well short of the position, alone", () => {
    const flow = new Flow();
    const offer = flow.order(0, "mm", "sell", "100.00", "1000");
    const entry = flow.order(1000, "trader", "buy", "100.00", "1000", { tif: "ioc" });
    flow.trade(1000, entry, offer, "100.00", "1000");
    const block = flow.order(3000, "desk", "buy", "100.20", "20000", { capacity: "agency" });
    const exit = flow.order(3100, "trader", "sell", "100.20", "200");
    flow.trade(3100, block, exit, "100.20", "200");
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("needs a block, a lead within the window, and a profitable unwind in time", () => {
    expect(frontRun({ blockSize: "1000" }).flow.run(engineWith())).toEqual([]);
    expect(frontRun({ leadMs: 31_000 }).flow.run(engineWith())).toEqual([]);
    expect(frontRun({ exitPrice: "99.95" }).flow.run(engineWith())).toEqual([]);
    expect(frontRun({ unwindAfterMs: 31_000 }).flow.run(engineWith())).toEqual([]);
  });

  it("leaves a market maker quoting both sides when the block arrives alone", () => {
    expect(frontRun({ quoteBoth: true }).flow.run(engineWith())).toEqual([]);
  });

  it("leaves a block that does not stand out from the symbol's flow alone", () => {
    const { flow } = frontRun();
    const big = new Flow();
    for (let index = 0; index < 30; index++) big.order(index, `whale-${index}`, "sell", "120.00", "200000");
    flow.events.unshift(...big.events);
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("finds nothing in empty data or a single order, or for a market block with no price yet", () => {
    expect(new Flow().run(engineWith())).toEqual([]);
    const flow = new Flow();
    flow.order(0, "desk", "buy", "", "50000", { capacity: "agency", market: true });
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("ignores the trader's trades on the same side, and before the block, while waiting", () => {
    const { flow } = frontRun();
    const events = flow.events;
    const unwind = events.splice(events.length - 2, 2);
    const more = new Flow();
    const offer = more.order(100_500, "mm-2", "sell", "100.05", "100");
    const add = more.order(100_500, "trader", "buy", "100.05", "100", { tif: "ioc" });
    more.trade(100_500, add, offer, "100.05", "100");
    events.push(...more.events, ...unwind);
    const alerts = flow.run(engineWith());
    expect(alerts.map((alert) => alert.type)).toEqual(["front_running"]);
  });

  it("flags only a principal of the block's own desk when desks are known", () => {
    const { flow } = frontRun();
    const desk = (principalUsers: string[]) => ({
      reference: {
        relatedAccounts: [],
        beneficialOwners: {},
        desks: [{ deskId: "D1", agencyUsers: [flow.user("desk")], principalUsers }],
        marketMakers: [],
      },
    });
    // A principal trader of another desk cannot have known of the block (the independent flow's false alarms).
    expect(flow.run(engineWith(desk([flow.user("other-prop")])))).toEqual([]);
    expect(flow.run(engineWith(desk([flow.user("trader")]))).map((alert) => alert.type)).toEqual([
      "front_running",
    ]);
  });

  it("without the block's desk on file, suspects principals on no desk but not those of other desks", () => {
    const { flow } = frontRun();
    const reference = (
      desks: Array<{ deskId: string; agencyUsers: string[]; principalUsers: string[] }>,
    ) => ({
      reference: { relatedAccounts: [], beneficialOwners: {}, desks, marketMakers: [] },
    });
    const elsewhere = { deskId: "D2", agencyUsers: [], principalUsers: [flow.user("trader")] };
    expect(flow.run(engineWith(reference([elsewhere])))).toEqual([]);
    const unrelated = { deskId: "D3", agencyUsers: [flow.user("someone")], principalUsers: [] };
    expect(flow.run(engineWith(reference([unrelated]))).map((alert) => alert.type)).toEqual([
      "front_running",
    ]);
  });

  it("does not take an opposite order far larger than the position for its unwind", () => {
    // 500 bought ahead; then a 5,000-share sell (other business) of which the block takes 500.
    const flow = new Flow();
    for (let index = 0; index < 10; index++) flow.order(index, `noise-${index}`, "buy", "99.00", "200");
    const offer = flow.order(1000, "mm", "sell", "100.00", "500");
    const entry = flow.order(2000, "trader", "buy", "100.00", "500", { tif: "ioc" });
    flow.trade(2000, entry, offer, "100.00", "500");
    const block = flow.order(5000, "desk", "buy", "100.10", "20000", { capacity: "agency" });
    const big = flow.order(5100, "trader", "sell", "100.10", "5000");
    flow.trade(5100, block, big, "100.10", "500");
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("does not take an ordinary agency slice worth $200,000 for a block", () => {
    // The desk works its orders in slices of 2,500 shares ($250,000 each); a 5,000-share order is one more.
    const { flow } = frontRun({ blockSize: "5000" });
    const slices = new Flow();
    for (let index = 0; index < 20; index++)
      slices.order(index, "desk-2", "sell", "130.00", "2500", { capacity: "agency" });
    // The crowd's orders around them are small: against all orders, the slice stands out.
    for (let index = 0; index < 60; index++)
      slices.order(100 + index, `crowd-${index}`, "buy", "98.00", "100");
    flow.events.unshift(...slices.events);
    expect(flow.run(engineWith())).toEqual([]);
  });
});
