import type { ConsumedEvent } from "@nexus/core/events";
import { describe, expect, it } from "vitest";
import { selfTrade } from "../test/fixtures/self-trade.js";
import { groupWrites } from "./grouped-writes.js";
import { shareOfPersisted } from "./ingest/persist.js";
import type { PersistOutcome } from "./ingest/persist.js";

/** A store keyed by event_id (as the tables are), counting the writes it was asked for. */
function memoryStore(options: { refuses?: (event: ConsumedEvent) => boolean } = {}) {
  const stored = new Set<string>();
  const writes: number[] = [];
  const persist = async (events: readonly ConsumedEvent[]): Promise<PersistOutcome> => {
    writes.push(events.length);
    if (events.some((event) => options.refuses?.(event) ?? false)) throw new Error("refused by the store");
    const fresh = events.filter((event) => !stored.has(event.event_id) && stored.add(event.event_id));
    return { stored: fresh.length, fresh, duplicates: events.length - fresh.length };
  };
  return { persist, writes, stored };
}

const batch = (symbol: string) => selfTrade({ symbol, at: "2025-08-01T15:00:00.000Z" }).events;

describe("groupWrites (the ingest's stores)", () => {
  it("writes the batches handed over in one turn as one write, and tells each batch its own fresh events", async () => {
    const store = memoryStore();
    const grouped = groupWrites(store.persist, shareOfPersisted);
    const [a, b, c] = [batch("AAA"), batch("BBB"), batch("CCC")];
    const outcomes = await Promise.all([grouped(a), grouped(b), grouped(c)]);
    expect(store.writes).toEqual([a.length + b.length + c.length]);
    expect(outcomes.map((outcome) => outcome.fresh)).toEqual([a, b, c]);
    expect(outcomes.every((outcome) => outcome.duplicates === 0)).toBe(true);
  });

  it("counts an event stored before, or carried by an earlier batch of the group, as a duplicate of the later batch", async () => {
    const store = memoryStore();
    const grouped = groupWrites(store.persist, shareOfPersisted);
    const first = batch("AAA");
    await grouped(first);
    const [replayed, again] = await Promise.all([grouped(first), grouped([...batch("BBB"), ...first])]);
    expect(replayed).toEqual({ stored: 0, fresh: [], duplicates: first.length });
    expect(again.duplicates).toBe(first.length);
    expect(again.fresh.map((event) => event.symbol)).toEqual(first.map(() => "BBB"));
  });

  it("writes a lone batch as it is", async () => {
    const store = memoryStore();
    const only = batch("AAA");
    await expect(groupWrites(store.persist, shareOfPersisted)(only)).resolves.toMatchObject({
      stored: only.length,
    });
    expect(store.writes).toEqual([only.length]);
  });

  it("after a failed group, writes each batch alone, so only the batch the store refuses fails", async () => {
    const refused = batch("BAD");
    const store = memoryStore({ refuses: (event) => event.symbol === "BAD" });
    const grouped = groupWrites(store.persist, shareOfPersisted);
    const good = batch("AAA");
    const [goodOutcome, badOutcome] = await Promise.allSettled([grouped(good), grouped(refused)]);
    expect(goodOutcome).toEqual({
      status: "fulfilled",
      value: { stored: good.length, fresh: good, duplicates: 0 },
    });
    expect(badOutcome).toMatchObject({ status: "rejected", reason: new Error("refused by the store") });
    expect(store.writes).toEqual([good.length + refused.length, good.length, refused.length]);
  });

  it("starts a new group for batches handed over after the previous group left", async () => {
    const store = memoryStore();
    const grouped = groupWrites(store.persist, shareOfPersisted);
    await grouped(batch("AAA"));
    await grouped(batch("BBB"));
    expect(store.writes).toHaveLength(2);
  });
});
