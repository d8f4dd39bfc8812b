import { describe, expect, it } from "vitest";
import { EventSequencer } from "./event-sequencer";

interface Probe {
  id: string;
  t: number;
  rank?: number;
}

const sequencer = (holdMs = 50) =>
  new EventSequencer<Probe>({ holdMs, timeOf: (e) => e.t, rankOf: (e) => e.rank ?? 0 });
const ids = (events: Probe[]) => events.map((e) => e.id);

describe("EventSequencer", () => {
  it("releases a fill consumed before its order in event-time order once both have been held", () => {
    const s = sequencer(50);
    s.push({ id: "fill", t: 1_001 }, 0);
    s.push({ id: "order", t: 1_000 }, 30);
    // At 50 ms the fill is due, but the earlier order arrived 20 ms ago and holds it back.
    expect(ids(s.release(50))).toEqual([]);
    expect(ids(s.release(80))).toEqual(["order", "fill"]);
    expect(s.size).toBe(0);
    expect(s.lateEvents).toBe(0);
  });

  it("holds each event exactly holdMs after it arrived", () => {
    const s = sequencer(50);
    s.push({ id: "a", t: 1 }, 100);
    expect(ids(s.release(149))).toEqual([]);
    expect(ids(s.release(150))).toEqual(["a"]);
  });

  it("tells when the next event falls due: the hold's end of the earliest held event", () => {
    const s = sequencer(50);
    expect(s.nextDueMs()).toBeUndefined();
    s.push({ id: "fill", t: 1_001 }, 10);
    expect(s.nextDueMs()).toBe(60);
    // An earlier event arriving later holds the fill back: nothing is due before its own hold ends.
    s.push({ id: "order", t: 1_000 }, 30);
    expect(s.nextDueMs()).toBe(80);
    expect(ids(s.release(79))).toEqual([]);
    expect(ids(s.release(80))).toEqual(["order", "fill"]);
    expect(s.nextDueMs()).toBeUndefined();
  });

  it("orders events of one instant by rank, then by arrival", () => {
    const s = sequencer(0);
    s.push({ id: "cancel", t: 5, rank: 3 }, 0);
    s.push({ id: "trade-1", t: 5, rank: 2 }, 0);
    s.push({ id: "trade-2", t: 5, rank: 2 }, 0);
    s.push({ id: "entry", t: 5, rank: 1 }, 0);
    expect(ids(s.release(0))).toEqual(["entry", "trade-1", "trade-2", "cancel"]);
  });

  it("releases an event later than the hold at once and counts it late", () => {
    const s = sequencer(10);
    s.push({ id: "b", t: 2_000 }, 0);
    expect(ids(s.release(10))).toEqual(["b"]);
    s.push({ id: "a", t: 1_000 }, 500);
    expect(ids(s.release(510))).toEqual(["a"]);
    expect(s.lateEvents).toBe(1);
  });

  it("counts an event late only against its own stream's released events", () => {
    const s = new EventSequencer<Probe & { symbol: string }>({
      holdMs: 10,
      timeOf: (e) => e.t,
      rankOf: () => 0,
      streamOf: (e) => e.symbol,
    });
    s.push({ id: "aapl-fill", t: 2_000, symbol: "AAPL" }, 0);
    expect(ids(s.release(10))).toEqual(["aapl-fill"]);
    // Another symbol's earlier event: released out of global order, but no detector state is mixed up.
    s.push({ id: "msft-order", t: 1_000, symbol: "MSFT" }, 500);
    expect(ids(s.release(510))).toEqual(["msft-order"]);
    expect(s.lateEvents).toBe(0);
    s.push({ id: "aapl-order", t: 1_999, symbol: "AAPL" }, 600);
    expect(ids(s.release(610))).toEqual(["aapl-order"]);
    expect(s.lateEvents).toBe(1);
  });

  it("sorts many shuffled events (heap order) and drains what is still held", () => {
    const s = sequencer(1_000);
    const times = [9, 3, 7, 1, 8, 2, 6, 0, 5, 4];
    times.forEach((t, arrival) => s.push({ id: String(t), t }, arrival));
    expect(ids(s.drain())).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(s.release(10_000)).toEqual([]);
  });

  it("holds events past the frontier whatever their arrival, and releases them as it moves", () => {
    const s = sequencer(0);
    s.setFrontier(1_000);
    s.push({ id: "at-frontier", t: 1_000 }, 0);
    s.push({ id: "fill", t: 1_500 }, 0);
    expect(ids(s.release(10_000))).toEqual(["at-frontier"]);
    // The earliest waits for data, not for time: no timer would release it.
    expect(s.nextDueMs()).toBeUndefined();
    // The lagging source delivers the order the fill belongs to, then is read past the fill.
    s.push({ id: "order", t: 1_400 }, 20);
    s.setFrontier(1_600);
    expect(s.nextDueMs()).toBe(20);
    expect(ids(s.release(20))).toEqual(["order", "fill"]);
    expect(s.lateEvents).toBe(0);
  });

  it("refuses a negative or non-finite hold", () => {
    expect(() => sequencer(-1)).toThrow("holdMs must be a finite number >= 0, got -1");
    expect(() => sequencer(Number.NaN)).toThrow("holdMs");
  });
});
